package io.weft.lifecycle;

import java.util.Optional;

import org.hyperledger.fabric.protos.peer.ChaincodeData;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;

import com.google.protobuf.ByteString;

/** The legacy lifecycle's ({@code lscc}) state: one {@code ChaincodeData} per chaincode name. */
public final class LegacyLifecycle {

    /** The legacy lifecycle system chaincode's namespace. */
    public static final String NAMESPACE = "lscc";

    /** Fabric's {@code ChaincodeNameRegExp}, to match a whole name. */
    public static final java.util.regex.Pattern NAME_PATTERN =
            java.util.regex.Pattern.compile("[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*");

    /** Fabric's {@code ChaincodeVersionRegExp}, to match a whole version. */
    public static final java.util.regex.Pattern VERSION_PATTERN = java.util.regex.Pattern.compile("[A-Za-z0-9_.+-]+");

    private LegacyLifecycle() {
    }

    /** The key of a chaincode's collection configuration ({@code <name>~collection}). */
    public static String collectionsKey(String name) {
        return name + "~collection";
    }

    /** The deployed chaincode {@code name}, if lscc knows it. */
    public static Optional<ChaincodeData> chaincodeData(StateReader state, String name) throws LifecycleStateException {
        ByteString raw = state.get(NAMESPACE, name);
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.of(LifecycleState.parse(ChaincodeData.parser(), raw, "chaincode " + name + " has bad definition"));
    }

    /** The collections a deployed chaincode declared, if any. */
    public static Optional<CollectionConfigPackage> collections(StateReader state, String name)
            throws LifecycleStateException {
        ByteString raw = state.get(NAMESPACE, collectionsKey(name));
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.of(LifecycleState.parse(CollectionConfigPackage.parser(), raw,
                "invalid collection configuration for chaincode " + name));
    }
}
