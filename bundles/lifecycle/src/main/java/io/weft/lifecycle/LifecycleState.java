package io.weft.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;

/**
 * The {@code _lifecycle} namespace's layout for committed definitions, as Fabric's lifecycle serializer writes it:
 * {@code namespaces/metadata/<name>} holds a {@code StateMetadata} naming the structure's type and fields, and
 * {@code namespaces/fields/<name>/<Field>} one {@code StateData} per field.
 */
public final class LifecycleState {

    /** The lifecycle system chaincode's namespace. */
    public static final String NAMESPACE = "_lifecycle";
    /** The prefix of committed chaincode definitions. */
    public static final String NAMESPACES = "namespaces";
    /** The type name Fabric records for a committed definition. */
    public static final String DEFINITION_TYPE = "ChaincodeDefinition";

    private LifecycleState() {
    }

    public static String metadataKey(String prefix, String name) {
        return prefix + "/metadata/" + name;
    }

    public static String fieldKey(String prefix, String name, String field) {
        return prefix + "/fields/" + name + "/" + field;
    }

    /** The committed sequence of chaincode {@code name}, 0 when it is not defined (reads that one key, as Fabric). */
    public static long sequence(StateReader state, String name) throws LifecycleStateException {
        return field(state, name, "Sequence").getInt64();
    }

    /**
     * The committed definition of chaincode {@code name}, if {@code _lifecycle} has one.
     *
     * @throws LifecycleStateException the stored metadata or a field cannot be decoded
     */
    public static Optional<ChaincodeDefinition> definition(StateReader state, String name) throws LifecycleStateException {
        ByteString metadataBytes = state.get(NAMESPACE, metadataKey(NAMESPACES, name));
        if (metadataBytes == null) {
            return Optional.empty();
        }
        StateMetadata metadata = parse(StateMetadata.parser(), metadataBytes, "could not unmarshal metadata for namespace "
                + NAMESPACES + "/" + name);
        if (!DEFINITION_TYPE.equals(metadata.getDatatype())) {
            throw new LifecycleStateException("not a chaincode type: " + metadata.getDatatype());
        }
        long sequence = field(state, name, "Sequence").getInt64();
        return Optional.of(new ChaincodeDefinition(sequence,
                message(state, name, "EndorsementInfo", ChaincodeEndorsementInfo.parser()),
                message(state, name, "ValidationInfo", ChaincodeValidationInfo.parser()),
                message(state, name, "Collections", CollectionConfigPackage.parser())));
    }

    /** The keys and values committing {@code definition} writes into {@code _lifecycle} (a fresh name), metadata last. */
    public static Map<String, ByteString> definitionWrites(String name, ChaincodeDefinition definition) {
        Structure structure = Structure.definition(definition);
        Map<String, ByteString> writes = new LinkedHashMap<>();
        for (Structure.Field field : structure.fields()) {
            writes.put(fieldKey(NAMESPACES, name, field.name()), field.value().toByteString());
        }
        writes.put(metadataKey(NAMESPACES, name), structure.metadataBytes());
        return writes;
    }

    private static StateData field(StateReader state, String name, String field) throws LifecycleStateException {
        String key = fieldKey(NAMESPACES, name, field);
        ByteString raw = state.get(NAMESPACE, key);
        // a missing field decodes as its zero value, as Fabric's deserializer does
        return raw == null ? StateData.getDefaultInstance()
                : parse(StateData.parser(), raw, "could not unmarshal state for key " + key);
    }

    private static <T extends Message> T message(StateReader state, String name, String field, Parser<T> parser)
            throws LifecycleStateException {
        StateData data = field(state, name, field);
        String key = fieldKey(NAMESPACES, name, field);
        if (data.getTypeCase() != StateData.TypeCase.BYTES && data.getTypeCase() != StateData.TypeCase.TYPE_NOT_SET) {
            throw new LifecycleStateException(
                    "expected key " + key + " to encode a value of type []byte, but was " + data.getTypeCase());
        }
        return parse(parser, data.getBytes(), "could not unmarshal key " + key);
    }

    static <T> T parse(Parser<T> parser, ByteString bytes, String context) throws LifecycleStateException {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LifecycleStateException(context + ": " + e.getMessage(), e);
        }
    }
}
