package io.weft.scc.lscc;

import static io.weft.api.scc.testing.TestChannels.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.LifecycleEvent;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.protobuf.ByteString;

import io.weft.api.scc.testing.TestChannels;
import io.weft.api.scc.testing.TestInvocation;
import io.weft.api.scc.testing.TestState;
import io.weft.lifecycle.SignaturePolicies;
import io.weft.lifecycle.legacy.LegacyChaincodeData;
import io.weft.lifecycle.legacy.LegacyPackage;
import io.weft.lifecycle.legacy.LegacyPackages;

/** lscc's deploy and upgrade on a channel without the V2_0 capability (Org1MSP and Org2MSP). */
class LegacyDeploysTest {

    static final List<String> ORGS = List.of("Org1MSP", "Org2MSP");
    static final ByteString ANY_ADMIN = SignaturePolicies.signedByAnyAdmin(ORGS).toByteString();

    @TempDir
    Path fileSystemPath;
    LegacyPackages packages;
    final TestChannels channels = new TestChannels();
    final TestState state = new TestState();
    Lscc lscc;

    @BeforeEach
    void open() throws Exception {
        packages = LegacyPackages.open(fileSystemPath.resolve("chaincodes"));
        lscc = new Lscc(channels, packages);
        channels.views.get(CHANNEL).lifecycleV20 = false;
    }

    private LegacyPackage install(ByteString pkg) throws Exception {
        LegacyPackage pack = LegacyPackage.parse(pkg);
        packages.put(pack, pkg);
        return pack;
    }

    private TestInvocation call(String function, ByteString... extra) {
        ByteString[] args = new ByteString[extra.length + 2];
        args[0] = ByteString.copyFromUtf8(function);
        args[1] = ByteString.copyFromUtf8(CHANNEL);
        System.arraycopy(extra, 0, args, 2, extra.length);
        TestInvocation inv = new TestInvocation("lscc", args);
        inv.channelId = CHANNEL;
        inv.state = state;
        return inv;
    }

    private static ByteString ok(Response r) {
        assertThat(r.getMessage()).isEmpty();
        assertThat(r.getStatus()).isEqualTo(200);
        return r.getPayload();
    }

    private void assertError(TestInvocation inv, String message) {
        assertRefused(inv, message);
        assertThat(state.writes).isEmpty();
    }

    /** Refused after writing: the endorser drops the whole simulation of a failed proposal. */
    private void assertRefused(TestInvocation inv, String message) {
        Response r = lscc.invoke(inv);
        assertThat(r.getMessage()).isEqualTo(message);
        assertThat(r.getStatus()).isEqualTo(500);
    }

    private static ByteString utf8(String s) {
        return ByteString.copyFromUtf8(s);
    }

    @Test
    void deployWritesChaincodeDataWithTheChannelDefaults() throws Exception {
        LegacyPackage pack = install(TestPackages.cds("mycc", "1.0"));
        TestInvocation inv = call("deploy", TestPackages.cds("mycc", "1.0"));
        ByteString payload = ok(lscc.invoke(inv));

        assertThat(state.writes).containsExactly(new TestState.Write(null, "mycc", payload));
        LegacyChaincodeData cd = LegacyChaincodeData.parse(payload);
        assertThat(cd).isEqualTo(new LegacyChaincodeData("mycc", "1.0", "escc", "vscc",
                SignaturePolicies.signedByAnyMember(ORGS).toByteString(), pack.data(), pack.id(), ANY_ADMIN));
        assertThat(inv.policyChecks).containsExactly(CHANNEL);
        assertThat(inv.eventName).isNull();
    }

    @Test
    void deployKeepsGivenPolicyPluginsAndCollections() throws Exception {
        install(TestPackages.cds("mycc", "1.0"));
        ByteString policy = SignaturePolicies.nOutOfRole(2, MSPRole.MSPRoleType.PEER, ORGS).toByteString();
        ByteString collections = CollectionConfigPackage.newBuilder().addConfig(collection("secrets", "Org1MSP"))
                .build().toByteString();
        ByteString payload = ok(lscc.invoke(call("deploy", TestPackages.cds("mycc", "1.0"), policy, utf8("myescc"),
                utf8("myvscc"), collections)));

        LegacyChaincodeData cd = LegacyChaincodeData.parse(payload);
        assertThat(cd.policy()).isEqualTo(policy);
        assertThat(cd.escc()).isEqualTo("myescc");
        assertThat(cd.vscc()).isEqualTo("myvscc");
        assertThat(state.writes).containsExactly(new TestState.Write(null, "mycc", payload),
                new TestState.Write(null, "mycc~collection", collections));
    }

    @Test
    void emptyOptionalArgumentsTakeTheDefaults() throws Exception {
        install(TestPackages.cds("mycc", "1.0"));
        ByteString payload = ok(lscc.invoke(call("deploy", TestPackages.cds("mycc", "1.0"), ByteString.EMPTY,
                ByteString.EMPTY, ByteString.EMPTY, ByteString.EMPTY)));
        LegacyChaincodeData cd = LegacyChaincodeData.parse(payload);
        assertThat(cd.escc()).isEqualTo("escc");
        assertThat(cd.policy()).isEqualTo(SignaturePolicies.signedByAnyMember(ORGS).toByteString());
        assertThat(state.writes).hasSize(1);
    }

    @Test
    void signedPackageBringsItsInstantiationPolicy() throws Exception {
        ByteString own = SignaturePolicies.signedByAnyMember(List.of("Org1MSP")).toByteString();
        install(TestPackages.signedCds("mycc", "1.0", own));
        ByteString payload = ok(lscc.invoke(call("deploy", TestPackages.cds("mycc", "1.0"))));
        assertThat(LegacyChaincodeData.parse(payload).instantiationPolicy()).isEqualTo(own);
    }

    @Test
    void deployRefusals() throws Exception {
        assertError(call("deploy", TestPackages.cds("mycc", "1.0")), "cannot get package for chaincode (mycc:1.0)");
        assertError(call("deploy", TestPackages.cds("my cc", "1.0")), "invalid chaincode name 'my cc'. Names must "
                + "start with an alphanumeric character and can only consist of alphanumerics, '_', and '-'");
        assertError(call("deploy", TestPackages.cds("mycc", "1 0")), "invalid chaincode version '1 0'. Versions must "
                + "not be empty and can only consist of alphanumerics, '_',  '-', '+', and '.'");
        assertError(call("deploy", utf8("\u0001\u0002")),
                "error unmarshalling ChaincodeDeploymentSpec: proto: cannot parse invalid wire-format data");

        install(TestPackages.cds("mycc", "1.0"));
        TestInvocation user = call("deploy", TestPackages.cds("mycc", "1.0"));
        user.unsatisfied.put(ANY_ADMIN, "signature set did not satisfy policy");
        assertError(user, "instantiation policy violation: signature set did not satisfy policy");

        state.pub.put("mycc", utf8("deployed"));
        assertError(call("deploy", TestPackages.cds("mycc", "1.0")), "chaincode with name 'mycc' already exists");
    }

    @Test
    void collectionsAreChecked() throws Exception {
        install(TestPackages.cds("mycc", "1.0"));
        ByteString noPolicy = CollectionConfigPackage.newBuilder().addConfig(CollectionConfig.newBuilder()
                .setStaticCollectionConfig(StaticCollectionConfig.newBuilder().setName("c"))).build().toByteString();
        assertRefused(call("deploy", TestPackages.cds("mycc", "1.0"), ByteString.EMPTY, ByteString.EMPTY,
                ByteString.EMPTY, noPolicy), "collection member policy check failed: collection member policy is not set");

        CollectionConfig outOfRange = collection("c", "Org1MSP").toBuilder().setStaticCollectionConfig(
                collection("c", "Org1MSP").getStaticCollectionConfig().toBuilder().setMemberOrgsPolicy(
                        CollectionPolicyConfig.newBuilder().setSignaturePolicy(SignaturePolicyEnvelope.newBuilder()
                                .setRule(SignaturePolicy.newBuilder().setSignedBy(3))))).build();
        assertRefused(call("deploy", TestPackages.cds("mycc", "1.0"), ByteString.EMPTY, ByteString.EMPTY,
                ByteString.EMPTY, CollectionConfigPackage.newBuilder().addConfig(outOfRange).build().toByteString()),
                "collection member policy check failed: invalid member org policy for collection 'c': identity index "
                        + "out of range, requested 3, but identities length is 0");
        assertRefused(call("deploy", TestPackages.cds("mycc", "1.0"), ByteString.EMPTY, ByteString.EMPTY,
                ByteString.EMPTY, utf8("\u0001\u0002")),
                "invalid collection configuration supplied for chaincode mycc:1.0");

        channels.views.get(CHANNEL).privateChannelData = false;
        state.writes.clear();
        assertError(call("deploy", TestPackages.cds("mycc", "1.0"), ByteString.EMPTY, ByteString.EMPTY,
                ByteString.EMPTY, noPolicy), "as V1_2 or later capability is not enabled, private channel collections "
                        + "and data are not available");
    }

    @Test
    void tooManyArguments() {
        ByteString e = ByteString.EMPTY;
        assertError(call("deploy", e, e, e, e, e, e), "invalid number of arguments to lscc: 8");
    }

    @Test
    void upgradeReplacesTheDataAndSetsTheEvent() throws Exception {
        install(TestPackages.cds("mycc", "1.0"));
        ok(lscc.invoke(call("deploy", TestPackages.cds("mycc", "1.0"))));
        state.pub.put("mycc", state.writes.get(0).value());
        state.writes.clear();
        LegacyPackage v2 = install(TestPackages.cds("mycc", "2.0"));

        TestInvocation inv = call("upgrade", TestPackages.cds("mycc", "2.0"));
        ByteString payload = ok(lscc.invoke(inv));
        assertThat(LegacyChaincodeData.parse(payload)).isEqualTo(new LegacyChaincodeData("mycc", "2.0", "escc", "vscc",
                SignaturePolicies.signedByAnyMember(ORGS).toByteString(), v2.data(), v2.id(), ANY_ADMIN));
        assertThat(state.writes).containsExactly(new TestState.Write(null, "mycc", payload));
        assertThat(inv.eventName).isEqualTo("upgrade");
        assertThat(LifecycleEvent.parseFrom(inv.eventPayload).getChaincodeName()).isEqualTo("mycc");
        // the ledger's instantiation policy, then the new one
        assertThat(inv.policyChecks).containsExactly(CHANNEL, CHANNEL);
    }

    @Test
    void upgradeRefusals() throws Exception {
        install(TestPackages.cds("mycc", "1.0"));
        assertError(call("upgrade", TestPackages.cds("mycc", "1.0")), "could not find chaincode with name 'mycc'");

        LegacyChaincodeData deployed = new LegacyChaincodeData("mycc", "1.0", "escc", "vscc", ByteString.EMPTY,
                ByteString.EMPTY, ByteString.EMPTY, ByteString.EMPTY);
        state.pub.put("mycc", deployed.toByteString());
        assertError(call("upgrade", TestPackages.cds("mycc", "1.0")),
                "version already exists for chaincode with name 'mycc'");
        install(TestPackages.cds("mycc", "2.0"));
        assertError(call("upgrade", TestPackages.cds("mycc", "2.0")), "instantiation policy missing");

        state.pub.put("mycc", deployed.withChannelData("escc", "vscc", ByteString.EMPTY, ANY_ADMIN).toByteString());
        TestInvocation user = call("upgrade", TestPackages.cds("mycc", "2.0"));
        user.unsatisfied.put(ANY_ADMIN, "signature set did not satisfy policy");
        assertError(user, "instantiation policy violation: signature set did not satisfy policy");

        state.pub.put("mycc", new LegacyChaincodeData("other", "1.0", "escc", "vscc", ByteString.EMPTY,
                ByteString.EMPTY, ByteString.EMPTY, ANY_ADMIN).toByteString());
        assertError(call("upgrade", TestPackages.cds("mycc", "2.0")), "chaincode name mismatch: mycc!=other");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void collectionsOnUpgradeNeedTheV12Capability(boolean collectionUpgrade) throws Exception {
        channels.views.get(CHANNEL).collectionUpgrade = collectionUpgrade;
        install(TestPackages.cds("mycc", "2.0"));
        state.pub.put("mycc", new LegacyChaincodeData("mycc", "1.0", "escc", "vscc", ByteString.EMPTY,
                ByteString.EMPTY, ByteString.EMPTY, ANY_ADMIN).toByteString());
        ByteString collections = CollectionConfigPackage.newBuilder().addConfig(collection("secrets", "Org1MSP"))
                .build().toByteString();
        TestInvocation inv = call("upgrade", TestPackages.cds("mycc", "2.0"), ByteString.EMPTY, ByteString.EMPTY,
                ByteString.EMPTY, collections);
        if (collectionUpgrade) {
            ok(lscc.invoke(inv));
            assertThat(state.writes).extracting(TestState.Write::key).containsExactly("mycc", "mycc~collection");
        } else {
            Response r = lscc.invoke(inv);
            assertThat(r.getMessage()).isEqualTo("as V1_2 capability is not enabled, collection upgrades are not allowed");
        }
    }

    static CollectionConfig collection(String name, String mspId) {
        SignaturePolicyEnvelope members = SignaturePolicyEnvelope.newBuilder()
                .addIdentities(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                        .setPrincipal(MSPRole.newBuilder().setMspIdentifier(mspId).build().toByteString()))
                .setRule(SignaturePolicy.newBuilder().setSignedBy(0)).build();
        return CollectionConfig.newBuilder().setStaticCollectionConfig(StaticCollectionConfig.newBuilder().setName(name)
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder().setSignaturePolicy(members))
                .setRequiredPeerCount(0).setMaximumPeerCount(1).setBlockToLive(0)).build();
    }
}
