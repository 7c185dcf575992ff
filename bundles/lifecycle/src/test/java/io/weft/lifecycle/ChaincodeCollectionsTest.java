package io.weft.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.peer.ChaincodeData;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

class ChaincodeCollectionsTest {

    private final Map<String, ByteString> state = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private final StateReader reader = (ns, key) -> {
        reads.add(ns + "/" + key);
        return state.get(ns + "\0" + key);
    };

    private static final StaticCollectionConfig SECRETS = StaticCollectionConfig.newBuilder().setName("secrets")
            .setMemberOnlyRead(true).build();
    private static final CollectionConfigPackage PKG = CollectionConfigPackage.newBuilder()
            .addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(SECRETS)).build();

    private void define(String name, CollectionConfigPackage collections) {
        LifecycleState.definitionWrites(name, new ChaincodeDefinition(1,
                ChaincodeEndorsementInfo.newBuilder().setVersion("1").build(),
                ChaincodeValidationInfo.getDefaultInstance(), collections))
                .forEach((k, v) -> state.put(LifecycleState.NAMESPACE + "\0" + k, v));
    }

    @Test
    void implicitCollectionNamesAndTheirMemberPolicy() throws Exception {
        assertEquals("_implicit_org_Org1MSP", ChaincodeCollections.implicitCollectionName("Org1MSP"));
        assertEquals(Optional.of("Org1MSP"), ChaincodeCollections.implicitCollectionMspId("_implicit_org_Org1MSP"));
        assertTrue(ChaincodeCollections.implicitCollectionMspId("secrets").isEmpty());
        StaticCollectionConfig implicit = ChaincodeCollections.implicitCollection("Org1MSP");
        assertEquals(false, implicit.getMemberOnlyRead() || implicit.getMemberOnlyWrite());
        MSPPrincipal principal = implicit.getMemberOrgsPolicy().getSignaturePolicy().getIdentities(0);
        assertEquals(MSPRole.newBuilder().setMspIdentifier("Org1MSP").setRole(MSPRole.MSPRoleType.MEMBER).build(),
                MSPRole.parseFrom(principal.getPrincipal()));
    }

    @Test
    void aLifecycleChaincodeHasItsCollectionsAndEveryOrgsImplicitOne() throws Exception {
        define("cc", PKG);
        assertEquals(Optional.of(SECRETS), ChaincodeCollections.collection(reader, "cc", "secrets"));
        assertEquals(List.of("_lifecycle/namespaces/metadata/cc", "_lifecycle/namespaces/fields/cc/Sequence",
                "_lifecycle/namespaces/fields/cc/EndorsementInfo", "_lifecycle/namespaces/fields/cc/ValidationInfo",
                "_lifecycle/namespaces/fields/cc/Collections"), reads);
        assertTrue(ChaincodeCollections.collection(reader, "cc", "other").isEmpty());
        // any MSP ID has an implicit collection here; the list of all of them has the channel's orgs only
        assertEquals("_implicit_org_NotInChannel",
                ChaincodeCollections.collection(reader, "cc", "_implicit_org_NotInChannel").orElseThrow().getName());
        CollectionConfigPackage all = ChaincodeCollections.all(reader, "cc", List.of("Org1MSP", "Org2MSP")).orElseThrow();
        assertEquals(List.of("secrets", "_implicit_org_Org1MSP", "_implicit_org_Org2MSP"),
                all.getConfigList().stream().map(c -> c.getStaticCollectionConfig().getName()).toList());
        assertTrue(ChaincodeCollections.all(reader, "undefined", List.of("Org1MSP")).isEmpty());
    }

    @Test
    void aLegacyChaincodeHasOnlyTheCollectionsItWasInstantiatedWith() throws Exception {
        state.put("lscc\0old", ChaincodeData.newBuilder().setName("old").setVersion("1").build().toByteString());
        assertTrue(ChaincodeCollections.all(reader, "old", List.of("Org1MSP")).isEmpty());
        assertTrue(ChaincodeCollections.collection(reader, "old", "secrets").isEmpty());
        state.put("lscc\0old~collection", PKG.toByteString());
        assertEquals(Optional.of(PKG), ChaincodeCollections.all(reader, "old", List.of("Org1MSP")));
        assertEquals(Optional.of(SECRETS), ChaincodeCollections.collection(reader, "old", "secrets"));
        assertTrue(ChaincodeCollections.collection(reader, "old", "_implicit_org_Org1MSP").isEmpty());
    }
}
