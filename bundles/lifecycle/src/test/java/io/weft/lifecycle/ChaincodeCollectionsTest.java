package io.weft.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

class ChaincodeCollectionsTest {

    private final Map<String, ByteString> state = new HashMap<>(); // "ns/key" → value
    private final StateReader reader = (ns, key) -> state.get(ns + "/" + key);

    private static CollectionConfigPackage collections(String... names) {
        CollectionConfigPackage.Builder pkg = CollectionConfigPackage.newBuilder();
        for (String n : names) {
            pkg.addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(
                    StaticCollectionConfig.newBuilder().setName(n).setBlockToLive(7)));
        }
        return pkg.build();
    }

    private void define(String name, CollectionConfigPackage collections) {
        LifecycleState.definitionWrites(name, new ChaincodeDefinition(1, ChaincodeEndorsementInfo.getDefaultInstance(),
                ChaincodeValidationInfo.getDefaultInstance(), collections))
                .forEach((k, v) -> state.put(LifecycleState.NAMESPACE + "/" + k, v));
    }

    private void deployLegacy(String name, CollectionConfigPackage collections) {
        state.put(LegacyLifecycle.NAMESPACE + "/" + LegacyLifecycle.collectionsKey(name), collections.toByteString());
    }

    @Test
    void aLifecycleChaincodeHasItsDeclaredCollectionsAndAnyOrgsImplicitOne() throws Exception {
        define("cc", collections("a", "b"));

        assertThat(ChaincodeCollections.collection(reader, "cc", "b")).get()
                .extracting(StaticCollectionConfig::getBlockToLive).isEqualTo(7L);
        assertThat(ChaincodeCollections.collection(reader, "cc", "c")).isEmpty();
        StaticCollectionConfig implicit = ChaincodeCollections.collection(reader, "cc", "_implicit_org_AnyMSP").get();
        assertThat(implicit.getName()).isEqualTo("_implicit_org_AnyMSP");
        assertThat(implicit.getBlockToLive()).isZero();
        MSPPrincipal member = implicit.getMemberOrgsPolicy().getSignaturePolicy().getIdentities(0);
        assertThat(MSPRole.parseFrom(member.getPrincipal())).isEqualTo(MSPRole.newBuilder().setMspIdentifier("AnyMSP")
                .setRole(MSPRole.MSPRoleType.MEMBER).build());
    }

    @Test
    void allCollectionsOfALifecycleChaincodeAddTheImplicitOnesOfTheGivenOrgs() throws Exception {
        define("cc", collections("a"));

        assertThat(ChaincodeCollections.all(reader, "cc", List.of("Org1MSP", "Org2MSP")).get().getConfigList())
                .extracting(c -> c.getStaticCollectionConfig().getName())
                .containsExactly("a", "_implicit_org_Org1MSP", "_implicit_org_Org2MSP");
    }

    @Test
    void theLifecycleNamespaceHasOnlyImplicitCollections() throws Exception {
        assertThat(ChaincodeCollections.collection(reader, "_lifecycle", "_implicit_org_Org1MSP")).isPresent();
        assertThat(ChaincodeCollections.collection(reader, "_lifecycle", "a")).isEmpty();
        assertThat(ChaincodeCollections.all(reader, "_lifecycle", List.of("Org1MSP")).get().getConfigCount()).isOne();
    }

    @Test
    void aLegacyChaincodeHasWhatLsccStoredAndNoImplicitCollections() throws Exception {
        deployLegacy("old", collections("a"));

        assertThat(ChaincodeCollections.collection(reader, "old", "a")).isPresent();
        assertThat(ChaincodeCollections.collection(reader, "old", "_implicit_org_Org1MSP")).isEmpty();
        assertThat(ChaincodeCollections.all(reader, "old", List.of("Org1MSP"))).contains(collections("a"));
    }

    @Test
    void anUndefinedChaincodeHasNoCollections() throws Exception {
        assertThat(ChaincodeCollections.collection(reader, "none", "a")).isEmpty();
        assertThat(ChaincodeCollections.all(reader, "none", List.of("Org1MSP"))).isEmpty();
    }

    @Test
    void unreadableLegacyCollectionsFail() {
        state.put("lscc/old~collection", ByteString.copyFromUtf8("not a package"));
        assertThatThrownBy(() -> ChaincodeCollections.collection(reader, "old", "a"))
                .isInstanceOf(LifecycleStateException.class).hasMessageContaining("old");
    }

    @Test
    void implicitCollectionNamesCarryTheMspId() {
        assertThat(ChaincodeCollections.implicitCollectionMspId("_implicit_org_Org1MSP")).contains("Org1MSP");
        assertThat(ChaincodeCollections.implicitCollectionMspId("org1coll")).isEmpty();
    }
}
