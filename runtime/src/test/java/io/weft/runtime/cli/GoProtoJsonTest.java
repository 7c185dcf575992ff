package io.weft.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

/** The expected texts are what Go's json.MarshalIndent(msg, "", "\t") gives for fabric-protos-go's structs. */
class GoProtoJsonTest {

    @Test
    void anEmptyResultIsAnEmptyObject() {
        assertThat(GoProtoJson.marshalIndent(QueryInstalledChaincodesResult.getDefaultInstance())).isEqualTo("{}");
    }

    @Test
    void fieldsKeepTheirProtoNamesAndNestedListsAndMapsIndentWithTabs() {
        QueryInstalledChaincodesResult result = QueryInstalledChaincodesResult.newBuilder()
                .addInstalledChaincodes(QueryInstalledChaincodesResult.InstalledChaincode.newBuilder()
                        .setPackageId("basic_1.0:4ec1").setLabel("basic_1.0")
                        .putReferences("mychannel", QueryInstalledChaincodesResult.References.newBuilder()
                                .addChaincodes(QueryInstalledChaincodesResult.Chaincode.newBuilder()
                                        .setName("basic").setVersion("1.0"))
                                .build()))
                .addInstalledChaincodes(QueryInstalledChaincodesResult.InstalledChaincode.newBuilder()
                        .setPackageId("other:99").setLabel("other"))
                .build();
        assertThat(GoProtoJson.marshalIndent(result)).isEqualTo("""
                {
                \t"installed_chaincodes": [
                \t\t{
                \t\t\t"package_id": "basic_1.0:4ec1",
                \t\t\t"label": "basic_1.0",
                \t\t\t"references": {
                \t\t\t\t"mychannel": {
                \t\t\t\t\t"chaincodes": [
                \t\t\t\t\t\t{
                \t\t\t\t\t\t\t"name": "basic",
                \t\t\t\t\t\t\t"version": "1.0"
                \t\t\t\t\t\t}
                \t\t\t\t\t]
                \t\t\t\t}
                \t\t\t}
                \t\t},
                \t\t{
                \t\t\t"package_id": "other:99",
                \t\t\t"label": "other"
                \t\t}
                \t]
                }""");
    }

    @Test
    void zeroValuesAreLeftOutBytesAreBase64AndAOneofSitsUnderItsGoNames() {
        QueryApprovedChaincodeDefinitionResult result = QueryApprovedChaincodeDefinitionResult.newBuilder()
                .setSequence(1).setVersion("1.0").setEndorsementPlugin("escc").setValidationPlugin("vscc")
                .setValidationParameter(ByteString.copyFrom(new byte[] {1, 2, (byte) 0xfb}))
                .setSource(ChaincodeSource.newBuilder().setLocalPackage(
                        ChaincodeSource.Local.newBuilder().setPackageId("basic_1.0:4ec1")))
                .build();
        assertThat(GoProtoJson.marshalIndent(result)).isEqualTo("""
                {
                \t"sequence": 1,
                \t"version": "1.0",
                \t"endorsement_plugin": "escc",
                \t"validation_plugin": "vscc",
                \t"validation_parameter": "AQL7",
                \t"source": {
                \t\t"Type": {
                \t\t\t"LocalPackage": {
                \t\t\t\t"package_id": "basic_1.0:4ec1"
                \t\t\t}
                \t\t}
                \t}
                }""");
        assertThat(GoProtoJson.marshalIndent(ChaincodeSource.newBuilder()
                .setUnavailable(ChaincodeSource.Unavailable.getDefaultInstance()).build())).isEqualTo("""
                {
                \t"Type": {
                \t\t"Unavailable": {}
                \t}
                }""");
    }

    @Test
    void aOneofKeepsItsZeroValueAndEnumsAreNumbers() {
        SignaturePolicyEnvelope policy = SignaturePolicyEnvelope.newBuilder()
                .setRule(SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(1)
                        .addRules(SignaturePolicy.newBuilder().setSignedBy(0))))
                .addIdentities(MSPPrincipal.newBuilder()
                        .setPrincipalClassification(MSPPrincipal.Classification.ORGANIZATION_UNIT))
                .build();
        assertThat(GoProtoJson.marshalIndent(policy)).isEqualTo("""
                {
                \t"rule": {
                \t\t"Type": {
                \t\t\t"NOutOf": {
                \t\t\t\t"n": 1,
                \t\t\t\t"rules": [
                \t\t\t\t\t{
                \t\t\t\t\t\t"Type": {
                \t\t\t\t\t\t\t"SignedBy": 0
                \t\t\t\t\t\t}
                \t\t\t\t\t}
                \t\t\t\t]
                \t\t\t}
                \t\t}
                \t},
                \t"identities": [
                \t\t{
                \t\t\t"principal_classification": 1
                \t\t}
                \t]
                }""");
    }

    @Test
    void mapKeysAreSortedAndFalseIsKeptInAMap() {
        CheckCommitReadinessResult result = CheckCommitReadinessResult.newBuilder()
                .putApprovals("Org2MSP", false).putApprovals("Org1MSP", true).build();
        assertThat(GoProtoJson.marshalIndent(result)).isEqualTo("""
                {
                \t"approvals": {
                \t\t"Org1MSP": true,
                \t\t"Org2MSP": false
                \t}
                }""");
    }

    @Test
    void stringsAreEscapedAsGoDoes() {
        StringBuilder out = new StringBuilder();
        GoProtoJson.writeString(out, "a<b>&\"c\\\n\u0001\u2028é");
        assertThat(out).hasToString("\"a\\u003cb\\u003e\\u0026\\\"c\\\\\\n\\u0001\\u2028é\"");
    }

    @Test
    void goNamesFollowProtocGenGo() {
        assertThat(GoProtoJson.camelCase("n_out_of")).isEqualTo("NOutOf");
        assertThat(GoProtoJson.camelCase("signed_by")).isEqualTo("SignedBy");
        assertThat(GoProtoJson.camelCase("static_collection_config")).isEqualTo("StaticCollectionConfig");
        assertThat(GoProtoJson.camelCase("Type")).isEqualTo("Type");
        assertThat(GoProtoJson.camelCase("_x1_y")).isEqualTo("XX1Y");
    }
}
