package io.weft.scc.lifecycle;

import static io.weft.lifecycle.LifecycleState.fieldKey;
import static io.weft.lifecycle.LifecycleState.metadataKey;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;

import io.weft.lifecycle.Structure;

/**
 * Fabric's lifecycle serializer: a structure under {@code <prefix>/metadata/<name>} (its {@code StateMetadata}) and
 * {@code <prefix>/fields/<name>/<Field>} (one {@code StateData} each). It reads and writes exactly the keys Fabric's
 * does, in its order, so that read-write sets match a Go peer's: existing fields are read, only changed fields and a
 * changed metadata are written, fields no longer present are deleted.
 */
final class Serializer {

    /** Go's protobuf runtime's text for bytes it cannot parse. */
    static final String PROTO_PARSE_ERROR = "proto: cannot parse invalid wire-format data";

    private Serializer() {
    }

    static void serialize(String prefix, String name, Structure structure, States.ReadWritable state)
            throws LifecycleException {
        StateMetadata metadata;
        try {
            metadata = metadata(prefix, name, state).orElse(StateMetadata.getDefaultInstance());
        } catch (LifecycleException e) {
            throw e.wrap("could not deserialize metadata for namespace " + prefix + "/" + name);
        }
        Map<String, ByteString> existing = new LinkedHashMap<>();
        for (String field : metadata.getFieldsList()) {
            String key = fieldKey(prefix, name, field);
            existing.put(key, state.get(key));
        }
        for (Structure.Field field : structure.fields()) {
            String key = fieldKey(prefix, name, field.name());
            ByteString value = field.value().toByteString();
            if (!existing.containsKey(key) || !value.equals(orEmpty(existing.get(key)))) {
                state.put(key, value);
            }
            existing.remove(key);
        }
        if (!existing.isEmpty() || !structure.type().equals(metadata.getDatatype())
                || metadata.getFieldsCount() != structure.fields().size()) {
            state.put(metadataKey(prefix, name), structure.metadataBytes());
        }
        for (String key : existing.keySet()) {
            state.delete(key);
        }
    }

    static Optional<StateMetadata> metadata(String prefix, String name, States.Readable state)
            throws LifecycleException {
        ByteString raw = state.get(metadataKey(prefix, name));
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.of(parse(StateMetadata.parser(), raw,
                "could not unmarshal metadata for namespace " + prefix + "/" + name));
    }

    /** Every structure's metadata under {@code prefix}, by name. */
    static Map<String, StateMetadata> allMetadata(String prefix, States.Rangeable state) throws LifecycleException {
        String start = prefix + "/metadata/";
        Map<String, StateMetadata> out = new TreeMap<>();
        for (Map.Entry<String, ByteString> kv : state.range(start).entrySet()) {
            out.put(kv.getKey().substring(start.length()), parse(StateMetadata.parser(), kv.getValue(),
                    "error unmarshalling metadata for key " + kv.getKey()));
        }
        return out;
    }

    /** Checks that {@code metadata} names the structure type Fabric's {@code Deserialize} expects. */
    static void requireType(StateMetadata metadata, String type) throws LifecycleException {
        if (!type.equals(metadata.getDatatype())) {
            throw new LifecycleException("type name mismatch '" + type + "' != '" + metadata.getDatatype() + "'");
        }
    }

    static long int64Field(String prefix, String name, String field, States.Readable state) throws LifecycleException {
        StateData value = field(prefix, name, field, state);
        if (value.getTypeCase() == StateData.TypeCase.TYPE_NOT_SET) {
            return 0;
        }
        if (value.getTypeCase() != StateData.TypeCase.INT64) {
            throw new LifecycleException("expected key " + fieldKey(prefix, name, field)
                    + " to encode a value of type Int64, but was " + goType(value));
        }
        return value.getInt64();
    }

    static String stringField(String prefix, String name, String field, States.Readable state)
            throws LifecycleException {
        StateData value = field(prefix, name, field, state);
        if (value.getTypeCase() == StateData.TypeCase.TYPE_NOT_SET) {
            return "";
        }
        if (value.getTypeCase() != StateData.TypeCase.STRING) {
            throw new LifecycleException("expected key " + prefix + "/fields/" + name + "/" + field
                    + " to encode a value of type String, but was " + goType(value));
        }
        return value.getString();
    }

    static <T extends Message> T protoField(String prefix, String name, String field, States.Readable state,
            Parser<T> parser, String goTypeName) throws LifecycleException {
        StateData value = field(prefix, name, field, state);
        if (value.getTypeCase() != StateData.TypeCase.TYPE_NOT_SET
                && value.getTypeCase() != StateData.TypeCase.BYTES) {
            throw new LifecycleException("expected key " + fieldKey(prefix, name, field)
                    + " to encode a value of type []byte, but was " + goType(value));
        }
        return parse(parser, value.getBytes(),
                "could not unmarshal key " + fieldKey(prefix, name, field) + " to " + goTypeName);
    }

    private static StateData field(String prefix, String name, String field, States.Readable state)
            throws LifecycleException {
        String key = fieldKey(prefix, name, field);
        return parse(StateData.parser(), orEmpty(state.get(key)), "could not unmarshal state for key " + key);
    }

    private static String goType(StateData value) {
        return switch (value.getTypeCase()) {
            case INT64 -> "*lifecycle.StateData_Int64";
            case BYTES -> "*lifecycle.StateData_Bytes";
            case STRING -> "*lifecycle.StateData_String_";
            case TYPE_NOT_SET -> "<nil>";
        };
    }

    static <T> T parse(Parser<T> parser, ByteString bytes, String context) throws LifecycleException {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LifecycleException(context + ": " + PROTO_PARSE_ERROR, e);
        }
    }

    private static ByteString orEmpty(ByteString value) {
        return value == null ? ByteString.EMPTY : value;
    }
}
