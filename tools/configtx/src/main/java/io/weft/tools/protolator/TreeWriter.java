package io.weft.tools.protolator;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;

/** Messages to Fabric's JSON tree: jsonpb rules plus the inline decoding of opaque fields. */
final class TreeWriter {

    private TreeWriter() {
    }

    static JsonObject messageToTree(MessageOrBuilder m, Shape shape) throws ProtolatorException {
        String typeName = m.getDescriptorForType().getFullName();
        JsonObject o = new JsonObject();
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            if (f.getRealContainingOneof() != null && !m.hasField(f)) {
                continue; // unset oneof members are left out, as jsonpb does
            }
            try {
                o.add(f.getName(), fieldToTree(m, f, shape));
            } catch (ProtolatorException e) {
                throw new ProtolatorException(typeName + ": " + e.getMessage(), e);
            }
        }
        return o;
    }

    private static JsonElement fieldToTree(MessageOrBuilder m, FieldDescriptor f, Shape shape)
            throws ProtolatorException {
        if (f.isMapField()) {
            FieldDescriptor keyField = f.getMessageType().findFieldByNumber(1);
            FieldDescriptor valueField = f.getMessageType().findFieldByNumber(2);
            JsonObject o = new JsonObject();
            for (Object e : (List<?>) m.getField(f)) {
                Message entry = (Message) e;
                String key = String.valueOf(entry.getField(keyField));
                o.add(key, elementToTree(m, f, valueField, entry.getField(valueField), key, shape));
            }
            return o;
        }
        if (f.isRepeated()) {
            JsonArray a = new JsonArray();
            for (Object v : (List<?>) m.getField(f)) {
                a.add(elementToTree(m, f, f, v, null, shape));
            }
            return a;
        }
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !m.hasField(f)) {
            return JsonNull.INSTANCE;
        }
        if (f.getJavaType() == FieldDescriptor.JavaType.BYTE_STRING && ((ByteString) m.getField(f)).isEmpty()) {
            return JsonNull.INSTANCE; // Go leaves unset bytes nil, which encodes as null
        }
        return elementToTree(m, f, f, m.getField(f), null, shape);
    }

    /** One value of {@code field} (itself, a list element, or a map value described by {@code valueType}). */
    private static JsonElement elementToTree(MessageOrBuilder owner, FieldDescriptor field, FieldDescriptor valueType,
            Object value, String key, Shape shape) throws ProtolatorException {
        return switch (valueType.getJavaType()) {
            case MESSAGE -> {
                Message msg = (Message) value;
                String name = msg.getDescriptorForType().getFullName();
                if (name.equals("google.protobuf.Timestamp")) {
                    yield new JsonPrimitive(WellKnownTypes.timestamp(msg));
                }
                if (name.equals("google.protobuf.Duration")) {
                    yield new JsonPrimitive(WellKnownTypes.duration(msg));
                }
                yield messageToTree(msg, shape.child(owner, field, key));
            }
            case BYTE_STRING -> {
                ByteString bytes = (ByteString) value;
                if (!shape.isOpaque(field)) {
                    yield new JsonPrimitive(Base64.getEncoder().encodeToString(bytes.toByteArray()));
                }
                Message type = shape.opaqueType(owner, field, key);
                Message decoded;
                try {
                    decoded = type.getParserForType().parseFrom(bytes);
                } catch (InvalidProtocolBufferException e) {
                    throw new ProtolatorException(e.getMessage(), e);
                }
                yield messageToTree(decoded, Shapes.of(decoded.getDescriptorForType().getFullName()));
            }
            case INT -> {
                int i = (Integer) value;
                yield new JsonPrimitive(isUnsigned(valueType) ? Integer.toUnsignedLong(i) : (long) i);
            }
            case LONG -> {
                long l = (Long) value;
                yield new JsonPrimitive(isUnsigned(valueType) ? Long.toUnsignedString(l) : Long.toString(l));
            }
            case FLOAT, DOUBLE -> floatToTree(((Number) value).doubleValue());
            case BOOLEAN -> new JsonPrimitive((Boolean) value);
            case STRING -> new JsonPrimitive((String) value);
            case ENUM -> {
                EnumValueDescriptor ev = (EnumValueDescriptor) value;
                EnumValueDescriptor known = ev.getType().findValueByNumber(ev.getNumber());
                yield known != null ? new JsonPrimitive(known.getName()) : new JsonPrimitive(ev.getNumber());
            }
        };
    }

    private static JsonElement floatToTree(double d) {
        if (Double.isNaN(d)) {
            return new JsonPrimitive("NaN");
        }
        if (Double.isInfinite(d)) {
            return new JsonPrimitive(d > 0 ? "Infinity" : "-Infinity");
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return new JsonPrimitive(new BigDecimal(d).toBigInteger());
        }
        return new JsonPrimitive(d);
    }

    static boolean isUnsigned(FieldDescriptor f) {
        return switch (f.getType()) {
            case UINT32, FIXED32, UINT64, FIXED64 -> true;
            default -> false;
        };
    }
}
