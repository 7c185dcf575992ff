package io.weft.lifecycle;

import java.util.Optional;

import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

import com.google.protobuf.ByteString;

/**
 * What an organization approved, read from its implicit collection of {@code _lifecycle} as Fabric's chaincode info
 * cache does: whether it approved a committed definition (by hash, which every peer holds) and the package it
 * approved it with (the value, which only the org's peers hold).
 */
public final class OrgApprovals {

    /** Committed private data of {@code _lifecycle}. */
    public interface PrivateState {
        /** The value, or null when absent or not held. */
        ByteString value(String collection, String key);

        /** The value's SHA-256, or null when absent. */
        ByteString hash(String collection, String key);
    }

    private OrgApprovals() {
    }

    /** Whether {@code mspId} approved exactly {@code definition} for chaincode {@code name}. */
    public static boolean approved(PrivateState state, String mspId, String name, ChaincodeDefinition definition) {
        String collection = ChaincodeCollections.implicitCollectionName(mspId);
        return Structure.parameters(definition)
                .mismatches(Structure.NAMESPACES, name + "#" + definition.sequence(), key -> state.hash(collection, key))
                .isEmpty();
    }

    /**
     * The package {@code mspId} approved chaincode {@code name} with at {@code sequence}; empty when none is
     * recorded or the approval names none (an approval that makes the chaincode not invocable on the org's peers).
     */
    public static Optional<String> packageId(PrivateState state, String mspId, String name, long sequence)
            throws LifecycleStateException {
        String collection = ChaincodeCollections.implicitCollectionName(mspId);
        String privateName = name + "#" + sequence;
        ByteString metadata = state.value(collection, LifecycleState.metadataKey(Structure.CHAINCODE_SOURCES, privateName));
        if (metadata == null) {
            return Optional.empty();
        }
        StateMetadata md = LifecycleState.parse(StateMetadata.parser(), metadata,
                "could not deserialize chaincode-source metadata for " + privateName);
        if (!"ChaincodeLocalPackage".equals(md.getDatatype())) {
            throw new LifecycleStateException("not a chaincode local package type: " + md.getDatatype());
        }
        String key = LifecycleState.fieldKey(Structure.CHAINCODE_SOURCES, privateName, "PackageID");
        ByteString raw = state.value(collection, key);
        StateData data = raw == null ? StateData.getDefaultInstance()
                : LifecycleState.parse(StateData.parser(), raw, "could not unmarshal state for key " + key);
        return data.getString().isEmpty() ? Optional.empty() : Optional.of(data.getString());
    }
}
