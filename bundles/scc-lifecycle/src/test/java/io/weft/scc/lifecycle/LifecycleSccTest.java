package io.weft.scc.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.common.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import io.weft.api.chaincode.ChaincodePackages;
import io.weft.api.chaincode.InstalledPackage;
import io.weft.api.chaincode.PackageException;
import io.weft.api.chaincode.PackageNotFoundException;
import io.weft.api.scc.testing.TestChannels;
import io.weft.api.scc.testing.TestInvocation;
import io.weft.api.scc.testing.TestState;
import io.weft.lifecycle.ChaincodeDefinition;
import io.weft.lifecycle.ChaincodeCollections;
import io.weft.lifecycle.LifecycleState;

class LifecycleSccTest {

    static final String CH = TestChannels.CHANNEL;
    static final ByteString POLICY = ApplicationPolicy.newBuilder()
            .setChannelConfigPolicyReference("/Channel/Application/Endorsement").build().toByteString();

    final TestChannels channels = new TestChannels();
    final TestState state = new TestState();
    final Packages packages = new Packages();
    LifecycleScc org1;
    LifecycleScc org2;

    /** Installed packages for these tests: a map, no disk. */
    static final class Packages implements ChaincodePackages {
        final Map<String, ByteString> stored = new TreeMap<>();

        @Override
        public InstalledPackage install(ByteString pkg) throws PackageException {
            String id = "label:" + pkg.toStringUtf8();
            if (stored.putIfAbsent(id, pkg) != null) {
                throw new PackageException("chaincode already successfully installed (package ID '" + id + "')");
            }
            return new InstalledPackage(id, "label");
        }

        @Override
        public InstalledPackage installed(String packageId) throws PackageException {
            if (!stored.containsKey(packageId)) {
                throw new PackageException("could not find chaincode with package id '" + packageId + "'");
            }
            return new InstalledPackage(packageId, "label");
        }

        @Override
        public List<InstalledPackage> installed() {
            return stored.keySet().stream().map(id -> new InstalledPackage(id, "label")).toList();
        }

        @Override
        public ByteString load(String packageId) throws PackageException {
            ByteString b = stored.get(packageId);
            if (b == null) {
                throw new PackageNotFoundException(packageId);
            }
            return b;
        }
    }

    @BeforeEach
    void setUp() {
        channels.views.put(CH, channels.new View(CH, List.of(TestChannels.genesis())));
        org1 = new LifecycleScc(channels, packages, "Org1MSP");
        org2 = new LifecycleScc(channels, packages, "Org2MSP");
        state.held.add(ChaincodeCollections.implicitCollectionName("Org1MSP"));
        state.held.add(ChaincodeCollections.implicitCollectionName("Org2MSP"));
    }

    Response call(LifecycleScc scc, String function, Message args) {
        TestInvocation inv = new TestInvocation(LifecycleScc.NAME, ByteString.copyFromUtf8(function), args.toByteString());
        inv.channelId = CH;
        inv.state = state;
        return scc.invoke(inv);
    }

    static ApproveChaincodeDefinitionForMyOrgArgs approval(long sequence, String version, String packageId) {
        return ApproveChaincodeDefinitionForMyOrgArgs.newBuilder().setName("mycc").setVersion(version)
                .setSequence(sequence).setSource(ChaincodeSource.newBuilder()
                        .setLocalPackage(ChaincodeSource.Local.newBuilder().setPackageId(packageId)))
                .build();
    }

    static CheckCommitReadinessArgs readiness(long sequence, String version) {
        return CheckCommitReadinessArgs.newBuilder().setName("mycc").setVersion(version).setSequence(sequence).build();
    }

    static CommitChaincodeDefinitionArgs commitArgs(long sequence, String version) {
        return CommitChaincodeDefinitionArgs.newBuilder().setName("mycc").setVersion(version).setSequence(sequence)
                .build();
    }

    static <T extends Message> T payload(Response r, com.google.protobuf.Parser<T> parser) throws Exception {
        assertThat(r.getStatus()).as("%s", r.getMessage()).isEqualTo(200);
        return parser.parseFrom(r.getPayload());
    }

    @Test
    void approveWritesTheParametersAndPackageIntoTheOrgsImplicitCollectionAsFabricLaysThemOut() {
        Response r = call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "pkg:abc"));

        assertThat(r.getStatus()).as(r.getMessage()).isEqualTo(200);
        assertThat(state.reads).contains("namespaces/fields/mycc/Sequence");
        assertThat(state.writes).extracting(TestState.Write::collection).containsOnly("_implicit_org_Org1MSP");
        assertThat(state.writes).extracting(TestState.Write::key).containsExactly(
                "namespaces/fields/mycc#1/EndorsementInfo", "namespaces/fields/mycc#1/ValidationInfo",
                "namespaces/fields/mycc#1/Collections", "namespaces/metadata/mycc#1",
                "chaincode-sources/fields/mycc#1/PackageID", "chaincode-sources/metadata/mycc#1");
        state.commit();
        QueryApprovedChaincodeDefinitionResult approved = call(org1, "QueryApprovedChaincodeDefinition",
                QueryApprovedChaincodeDefinitionArgs.newBuilder().setName("mycc").build()).getPayload().isEmpty()
                        ? null : parseApproved();
        assertThat(approved.getSequence()).isEqualTo(1);
        assertThat(approved.getEndorsementPlugin()).isEqualTo("escc");
        assertThat(approved.getValidationPlugin()).isEqualTo("vscc");
        assertThat(approved.getValidationParameter()).isEqualTo(POLICY);
        assertThat(approved.getSource().getLocalPackage().getPackageId()).isEqualTo("pkg:abc");
    }

    private QueryApprovedChaincodeDefinitionResult parseApproved() {
        try {
            return payload(call(org1, "QueryApprovedChaincodeDefinition",
                    QueryApprovedChaincodeDefinitionArgs.newBuilder().setName("mycc").build()),
                    QueryApprovedChaincodeDefinitionResult.parser());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readinessCommitAndQueriesFollowTheApprovalsByHash() throws Exception {
        call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "pkg:abc"));
        state.commit();
        CheckCommitReadinessResult ready = payload(call(org1, "CheckCommitReadiness", readiness(1, "1.0")),
                CheckCommitReadinessResult.parser());
        assertThat(ready.getApprovalsMap()).containsExactlyInAnyOrderEntriesOf(Map.of("Org1MSP", true, "Org2MSP", false));
        assertThat(ready.getMismatchesMap().get("Org2MSP").getItemsList()).containsExactly("ChaincodeParameters");

        // a different version than Org1 approved: the fields that differ
        call(org2, "ApproveChaincodeDefinitionForMyOrg", approval(1, "2.0", "pkg:other"));
        state.commit();
        ready = payload(call(org1, "CheckCommitReadiness", readiness(1, "1.0")), CheckCommitReadinessResult.parser());
        assertThat(ready.getMismatchesMap().get("Org2MSP").getItemsList()).containsExactly("EndorsementInfo");

        // the package ID is not part of what orgs agree on
        call(org2, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "pkg:other"));
        state.commit();
        ready = payload(call(org1, "CheckCommitReadiness", readiness(1, "1.0")), CheckCommitReadinessResult.parser());
        assertThat(ready.getApprovalsMap()).containsExactlyInAnyOrderEntriesOf(Map.of("Org1MSP", true, "Org2MSP", true));

        Response commit = call(org1, "CommitChaincodeDefinition", commitArgs(1, "1.0"));
        assertThat(commit.getStatus()).as(commit.getMessage()).isEqualTo(200);
        assertThat(state.writes).extracting(TestState.Write::collection).containsOnlyNulls();
        state.commit();

        // the committer's reader sees the definition Fabric's layout carries
        Optional<ChaincodeDefinition> committed = LifecycleState.definition(
                (ns, key) -> LifecycleState.NAMESPACE.equals(ns) ? state.pub.get(key) : null, "mycc");
        assertThat(committed).isPresent();
        assertThat(committed.get().sequence()).isEqualTo(1);
        assertThat(committed.get().endorsementInfo().getVersion()).isEqualTo("1.0");
        assertThat(committed.get().validationInfo().getValidationParameter()).isEqualTo(POLICY);

        QueryChaincodeDefinitionResult def = payload(call(org2, "QueryChaincodeDefinition",
                QueryChaincodeDefinitionArgs.newBuilder().setName("mycc").build()), QueryChaincodeDefinitionResult.parser());
        assertThat(def.getVersion()).isEqualTo("1.0");
        assertThat(def.getApprovalsMap()).containsExactlyInAnyOrderEntriesOf(Map.of("Org1MSP", true, "Org2MSP", true));
        QueryChaincodeDefinitionsResult all = payload(call(org2, "QueryChaincodeDefinitions",
                QueryChaincodeDefinitionsArgs.getDefaultInstance()), QueryChaincodeDefinitionsResult.parser());
        assertThat(all.getChaincodeDefinitionsList()).extracting(d -> d.getName() + "@" + d.getSequence())
                .containsExactly("mycc@1");

        // the next sequence must be approved again; re-approving the committed one unchanged is refused
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "pkg:abc")).getMessage())
                .isEqualTo("failed to invoke backing implementation of 'ApproveChaincodeDefinitionForMyOrg': "
                        + "attempted to redefine the current committed sequence (1) for namespace mycc");
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "9.9", "pkg:abc")).getMessage())
                .isEqualTo("failed to invoke backing implementation of 'ApproveChaincodeDefinitionForMyOrg': "
                        + "attempted to redefine the current committed sequence (1) for namespace mycc with different "
                        + "parameters: expected Version '1.0' does not match passed Version '9.9'");
        // a new package for the committed definition is a legitimate approval
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "pkg:new")).getStatus())
                .isEqualTo(200);
        assertThat(call(org1, "CheckCommitReadiness", readiness(1, "1.0")).getMessage())
                .isEqualTo("failed to invoke backing implementation of 'CheckCommitReadiness': "
                        + "requested sequence is 1, but new definition must be sequence 2");
    }

    @Test
    void sequenceRulesAndRedefinitionsAreRefusedWithFabricsMessages() {
        String prefix = "failed to invoke backing implementation of 'ApproveChaincodeDefinitionForMyOrg': ";
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(0, "1.0", "p")).getMessage())
                .isEqualTo(prefix + "requested sequence is 0, but first definable sequence number is 1");
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(2, "1.0", "p")).getMessage())
                .isEqualTo(prefix + "requested sequence 2 is larger than the next available sequence number 1");
        call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "p"));
        state.commit();
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "p")).getMessage())
                .isEqualTo(prefix + "attempted to redefine uncommitted sequence (1) for namespace mycc with unchanged "
                        + "content");
        assertThat(call(org1, "CommitChaincodeDefinition", commitArgs(1, "2.0")).getMessage())
                .isEqualTo("failed to invoke backing implementation of 'CommitChaincodeDefinition': "
                        + "chaincode definition not agreed to by this org (Org1MSP)");
    }

    @Test
    void definitionsAreValidatedBeforeApprovalAndCommit() {
        String prefix = "failed to invoke backing implementation of 'ApproveChaincodeDefinitionForMyOrg': "
                + "error validating chaincode definition: ";
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "p").toBuilder()
                .setName("_bad").build()).getMessage()).isEqualTo(prefix + "invalid chaincode name '_bad'. Names can "
                        + "only consist of alphanumerics, '_', and '-' and can only begin with alphanumerics");
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "p").toBuilder()
                .setName("lscc").build()).getMessage()).isEqualTo(prefix + "chaincode name 'lscc' is the name of a "
                        + "system chaincode");
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1 0", "p")).getMessage())
                .isEqualTo(prefix + "invalid chaincode version '1 0'. Versions can only consist of alphanumerics, '_', "
                        + "'-', '+', and '.'");
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "p").toBuilder()
                .setCollections(collections(collection("c1", "Org3MSP"))).build()).getMessage())
                .isEqualTo(prefix + "collection-name: c1 -- collection member 'Org3MSP' is not part of the channel");
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "p").toBuilder()
                .setCollections(collections(collection("c1", "Org1MSP"), collection("c1", "Org2MSP"))).build())
                .getMessage()).isEqualTo(prefix + "collection-name: c1 -- found duplicate in collection configuration");
        StaticCollectionConfig twoOfTwo = collection("c2", "Org1MSP").toBuilder().setMemberOrgsPolicy(
                CollectionPolicyConfig.newBuilder().setSignaturePolicy(ChaincodeCollections.implicitCollection("Org1MSP").getMemberOrgsPolicy().getSignaturePolicy().toBuilder()
                        .setRule(ChaincodeCollections.implicitCollection("Org1MSP").getMemberOrgsPolicy().getSignaturePolicy().getRule().toBuilder()
                                .setNOutOf(ChaincodeCollections.implicitCollection("Org1MSP").getMemberOrgsPolicy().getSignaturePolicy().getRule().getNOutOf().toBuilder()
                                        .setN(2))))).build();
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "p").toBuilder()
                .setCollections(collections(twoOfTwo)).build()).getMessage())
                .isEqualTo(prefix + "collection-name: c2 -- error in member org policy: signature policy is not an OR "
                        + "concatenation, NOutOf 2");
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "p").toBuilder()
                .setCollections(collections(collection("c1", "Org1MSP"))).build()).getStatus()).isEqualTo(200);
        assertThat(state.writes).isNotEmpty();
    }

    static StaticCollectionConfig collection(String name, String mspId) {
        return StaticCollectionConfig.newBuilder().setName(name).setRequiredPeerCount(0).setMaximumPeerCount(1)
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder()
                        .setSignaturePolicy(ChaincodeCollections.implicitCollection(mspId).getMemberOrgsPolicy().getSignaturePolicy()))
                .build();
    }

    static CollectionConfigPackage collections(StaticCollectionConfig... configs) {
        CollectionConfigPackage.Builder b = CollectionConfigPackage.newBuilder();
        for (StaticCollectionConfig c : configs) {
            b.addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(c));
        }
        return b.build();
    }

    @Test
    void channelAndCallShapeAreCheckedFirst() {
        TestInvocation none = new TestInvocation(LifecycleScc.NAME);
        assertThat(org1.invoke(none).getMessage()).isEqualTo("lifecycle scc must be invoked with arguments");
        TestInvocation three = TestInvocation.of(LifecycleScc.NAME, "a", "b", "c");
        assertThat(org1.invoke(three).getMessage())
                .isEqualTo("lifecycle scc operations require exactly two arguments but received 3");

        TestChannels.View view = channels.views.get(CH);
        view.lifecycleV20 = false;
        assertThat(call(org1, "QueryChaincodeDefinitions", QueryChaincodeDefinitionsArgs.getDefaultInstance())
                .getMessage()).isEqualTo("cannot use new lifecycle for channel 'mychannel' as it does not have the "
                        + "required capabilities enabled");
        view.lifecycleV20 = true;
        view.policies.clear();
        assertThat(call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "p")).getMessage())
                .isEqualTo("failed to invoke backing implementation of 'ApproveChaincodeDefinitionForMyOrg': could not "
                        + "set defaults for chaincode definition in channel mychannel: policy "
                        + "'/Channel/Application/Endorsement' must be defined for channel 'mychannel' before chaincode "
                        + "operations can be attempted");

        TestInvocation denied = new TestInvocation(LifecycleScc.NAME, ByteString.copyFromUtf8("QueryChaincodeDefinitions"),
                ByteString.EMPTY);
        denied.channelId = CH;
        denied.state = state;
        denied.deny = "policy not satisfied";
        assertThat(org1.invoke(denied).getMessage())
                .isEqualTo("Failed to authorize invocation due to failed ACL check: policy not satisfied");
        assertThat(denied.aclChecks).containsExactly("_lifecycle/QueryChaincodeDefinitions@mychannel");

        assertThat(call(org1, "NoSuchFunction", QueryChaincodeDefinitionsArgs.getDefaultInstance()).getMessage())
                .isEqualTo("failed to invoke backing implementation of 'NoSuchFunction': "
                        + "receiver *lifecycle.Invocation.NoSuchFunction does not exist");
        TestInvocation garbage = new TestInvocation(LifecycleScc.NAME, ByteString.copyFromUtf8("QueryChaincodeDefinition"),
                ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}));
        garbage.channelId = CH;
        garbage.state = state;
        assertThat(org1.invoke(garbage).getMessage()).isEqualTo("failed to invoke backing implementation of "
                + "'QueryChaincodeDefinition': could not decode input arg for *lifecycle.Invocation.QueryChaincodeDefinition: "
                + "proto: cannot parse invalid wire-format data");
        assertThat(channels.views.remove(CH)).isNotNull();
        assertThat(call(org1, "QueryChaincodeDefinitions", QueryChaincodeDefinitionsArgs.getDefaultInstance())
                .getMessage()).isEqualTo("could not get channelconfig for channel 'mychannel'");
    }

    @Test
    void undefinedNamespacesAndMissingPackagesAre404() throws Exception {
        Response r = call(org1, "QueryChaincodeDefinition", QueryChaincodeDefinitionArgs.newBuilder().setName("nope").build());
        assertThat(r.getStatus()).isEqualTo(404);
        assertThat(r.getMessage()).isEqualTo("namespace nope is not defined");

        TestInvocation get = new TestInvocation(LifecycleScc.NAME, ByteString.copyFromUtf8("GetInstalledChaincodePackage"),
                GetInstalledChaincodePackageArgs.newBuilder().setPackageId("x:1").build().toByteString());
        r = org1.invoke(get);
        assertThat(r.getStatus()).isEqualTo(404);
        assertThat(r.getMessage()).isEqualTo("could not load cc install package: chaincode install package 'x:1' not found");
        assertThat(get.aclChecks).containsExactly("_lifecycle/GetInstalledChaincodePackage@");
    }

    @Test
    void approvedDefinitionsListEveryApprovalOfTheOrg() throws Exception {
        call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", ""));
        state.commit();
        QueryApprovedChaincodeDefinitionsResult all = payload(call(org1, "QueryApprovedChaincodeDefinitions",
                QueryApprovedChaincodeDefinitionsArgs.getDefaultInstance()), QueryApprovedChaincodeDefinitionsResult.parser());
        assertThat(all.getApprovedChaincodeDefinitionsList()).hasSize(1);
        assertThat(all.getApprovedChaincodeDefinitions(0).getName()).isEqualTo("mycc");
        assertThat(all.getApprovedChaincodeDefinitions(0).getSource().hasUnavailable()).isTrue();
        assertThat(payload(call(org2, "QueryApprovedChaincodeDefinitions",
                QueryApprovedChaincodeDefinitionsArgs.getDefaultInstance()), QueryApprovedChaincodeDefinitionsResult.parser())
                .getApprovedChaincodeDefinitionsList()).isEmpty();
    }

    @Test
    void installedPackagesAreListedChannelLess() throws Exception {
        packages.install(ByteString.copyFromUtf8("abc"));
        TestInvocation list = new TestInvocation(LifecycleScc.NAME, ByteString.copyFromUtf8("QueryInstalledChaincodes"),
                QueryInstalledChaincodesArgs.getDefaultInstance().toByteString());
        QueryInstalledChaincodesResult result = payload(org1.invoke(list), QueryInstalledChaincodesResult.parser());
        assertThat(result.getInstalledChaincodesList()).extracting(c -> c.getPackageId()).containsExactly("label:abc");
    }

    @Test
    void installedPackagesNameTheCommittedChaincodesThatRunThemForTheOrg() throws Exception {
        packages.install(ByteString.copyFromUtf8("abc"));
        packages.install(ByteString.copyFromUtf8("other"));
        channels.views.get(CH).committed = state;
        call(org1, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "label:abc"));
        call(org2, "ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0", "label:other"));
        state.commit();
        TestInvocation list = new TestInvocation(LifecycleScc.NAME, ByteString.copyFromUtf8("QueryInstalledChaincodes"),
                QueryInstalledChaincodesArgs.getDefaultInstance().toByteString());
        // approved but not committed: no reference yet
        assertThat(payload(org1.invoke(list), QueryInstalledChaincodesResult.parser()).getInstalledChaincodesList())
                .allMatch(c -> c.getReferencesMap().isEmpty());

        assertThat(call(org1, "CommitChaincodeDefinition", commitArgs(1, "1.0")).getStatus()).isEqualTo(200);
        state.commit();
        QueryInstalledChaincodesResult forOrg1 = payload(org1.invoke(list), QueryInstalledChaincodesResult.parser());
        assertThat(forOrg1.getInstalledChaincodesList()).extracting(c -> c.getPackageId() + " " + c.getReferencesMap()
                .entrySet().stream().map(e -> e.getKey() + ":" + e.getValue().getChaincodesList().stream()
                        .map(cc -> cc.getName() + "@" + cc.getVersion()).toList()).toList())
                .containsExactly("label:abc [mychannel:[mycc@1.0]]", "label:other []");
        QueryInstalledChaincodeResult one = payload(org2.invoke(new TestInvocation(LifecycleScc.NAME,
                ByteString.copyFromUtf8("QueryInstalledChaincode"), QueryInstalledChaincodeArgs.newBuilder()
                        .setPackageId("label:other").build().toByteString())), QueryInstalledChaincodeResult.parser());
        assertThat(one.getReferencesMap().get(CH).getChaincodesList()).extracting(cc -> cc.getName() + "@" + cc.getVersion())
                .containsExactly("mycc@1.0");

        // a channel whose state cannot be read leaves the list intact
        channels.views.get(CH).committed = null;
        assertThat(payload(org1.invoke(list), QueryInstalledChaincodesResult.parser()).getInstalledChaincodesList())
                .hasSize(2).allMatch(c -> c.getReferencesMap().isEmpty());
    }
}
