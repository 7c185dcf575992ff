package io.weft.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.ChaincodeData;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

class LifecycleStateTest {

    private final Map<String, ByteString> state = new HashMap<>();
    private final StateReader reader = (ns, key) -> state.get(ns + "\0" + key);

    private void put(String ns, String key, ByteString value) {
        state.put(ns + "\0" + key, value);
    }

    private static final ByteString POLICY = ApplicationPolicy.newBuilder()
            .setChannelConfigPolicyReference("/Channel/Application/Endorsement").build().toByteString();

    @Test
    void aWrittenDefinitionReadsBackWithFabricsKeys() throws Exception {
        ChaincodeDefinition def = new ChaincodeDefinition(3,
                ChaincodeEndorsementInfo.newBuilder().setVersion("1.0").setEndorsementPlugin("escc").build(),
                ChaincodeValidationInfo.newBuilder().setValidationPlugin("vscc").setValidationParameter(POLICY).build(),
                CollectionConfigPackage.getDefaultInstance());
        Map<String, ByteString> writes = LifecycleState.definitionWrites("basic", def);
        assertEquals(java.util.List.of("namespaces/fields/basic/Sequence", "namespaces/fields/basic/EndorsementInfo",
                "namespaces/fields/basic/ValidationInfo", "namespaces/fields/basic/Collections",
                "namespaces/metadata/basic"), java.util.List.copyOf(writes.keySet()));
        writes.forEach((k, v) -> put(LifecycleState.NAMESPACE, k, v));

        assertEquals(def, LifecycleState.definition(reader, "basic").orElseThrow());
        assertEquals(new ValidationInfo("vscc", POLICY), ValidationInfo.of(reader, "basic"));
        assertTrue(LifecycleState.definition(reader, "other").isEmpty());
    }

    @Test
    void aLegacyVsccPolicyIsTranslatedToAnApplicationPolicy() throws Exception {
        SignaturePolicyEnvelope spe = SignaturePolicyEnvelope.newBuilder().setVersion(0).build();
        put(LegacyLifecycle.NAMESPACE, "mycc",
                ChaincodeData.newBuilder().setName("mycc").setVersion("1").setVscc("vscc").setPolicy(spe).build().toByteString());
        ValidationInfo info = ValidationInfo.of(reader, "mycc");
        assertEquals("vscc", info.plugin());
        assertEquals(ApplicationPolicy.newBuilder().setSignaturePolicy(spe).build().toByteString(), info.parameter());

        put(LegacyLifecycle.NAMESPACE, "custom",
                ChaincodeData.newBuilder().setName("custom").setVscc("myvscc").setPolicy(spe).build().toByteString());
        assertEquals(new ValidationInfo("myvscc", spe.toByteString()), ValidationInfo.of(reader, "custom"));
    }

    @Test
    void anUnknownChaincodeIsNotDefinedAndCorruptStateIsAStateError() {
        ChaincodeNotDefinedException missing = assertThrows(ChaincodeNotDefinedException.class,
                () -> ValidationInfo.of(reader, "nope"));
        assertEquals("chaincode nope not found", missing.getMessage());

        put(LifecycleState.NAMESPACE, "namespaces/metadata/bad", ByteString.copyFromUtf8("\u00ff\u00ff"));
        assertThrows(LifecycleStateException.class, () -> ValidationInfo.of(reader, "bad"));

        put(LifecycleState.NAMESPACE, "namespaces/metadata/org",
                StateMetadata.newBuilder().setDatatype("ChaincodeParameters").build().toByteString());
        LifecycleStateException e = assertThrows(LifecycleStateException.class, () -> ValidationInfo.of(reader, "org"));
        assertEquals("not a chaincode type: ChaincodeParameters", e.getMessage());

        put(LegacyLifecycle.NAMESPACE, "broken", ByteString.copyFrom(new byte[] {0x0a, 0x7f}));
        assertThrows(LifecycleStateException.class, () -> ValidationInfo.of(reader, "broken"));
    }
}
