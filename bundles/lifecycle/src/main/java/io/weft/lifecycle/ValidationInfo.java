package io.weft.lifecycle;

import java.util.Objects;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.ChaincodeData;

import com.google.protobuf.ByteString;

/**
 * The validation plugin a chaincode's definition names and its argument (for {@code vscc}: the serialized
 * {@code ApplicationPolicy}).
 */
public record ValidationInfo(String plugin, ByteString parameter) {

    /** The plugin name definitions use for the built-in validation. */
    public static final String DEFAULT_PLUGIN = "vscc";

    public ValidationInfo {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(parameter, "parameter");
    }

    /**
     * Looks the chaincode up in {@code _lifecycle}, then in {@code lscc} (Fabric's validation-info shim): a legacy
     * {@code vscc} policy that parses as a {@code SignaturePolicyEnvelope} is handed out as an
     * {@code ApplicationPolicy}, as the v2.0 validation expects.
     *
     * @throws ChaincodeNotDefinedException neither lifecycle defines it
     * @throws LifecycleStateException the stored definition cannot be read
     */
    public static ValidationInfo of(StateReader state, String chaincode)
            throws ChaincodeNotDefinedException, LifecycleStateException {
        Optional<ChaincodeDefinition> definition = LifecycleState.definition(state, chaincode);
        if (definition.isPresent()) {
            return new ValidationInfo(definition.get().validationInfo().getValidationPlugin(),
                    definition.get().validationInfo().getValidationParameter());
        }
        ChaincodeData legacy = LegacyLifecycle.chaincodeData(state, chaincode)
                .orElseThrow(() -> new ChaincodeNotDefinedException("chaincode " + chaincode + " not found"));
        return ofLegacy(legacy);
    }

    /** The plugin and argument lscc recorded for a chaincode. */
    public static ValidationInfo ofLegacy(ChaincodeData legacy) {
        return new ValidationInfo(legacy.getVscc(), translated(legacy));
    }

    /** A legacy policy is a {@code SignaturePolicyEnvelope}; {@code vscc} receives it as an {@code ApplicationPolicy}. */
    private static ByteString translated(ChaincodeData legacy) {
        if (!legacy.hasPolicy()) {
            return ByteString.EMPTY;
        }
        SignaturePolicyEnvelope policy = legacy.getPolicy();
        if (!DEFAULT_PLUGIN.equals(legacy.getVscc())) {
            return policy.toByteString();
        }
        return ApplicationPolicy.newBuilder().setSignaturePolicy(policy).build().toByteString();
    }
}
