package io.weft.tools.protolator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;

/** Fabric's JSON tree to messages: opaque fields are re-encoded, maps are filled in key order. */
final class TreeReader {

    private TreeReader() {
    }

    static void fillFromTree(JsonObject tree, Message.Builder b, Shape shape) throws ProtolatorException {
        Descriptor type = b.getDescriptorForType();
        // plain fields first: the types of nested and opaque fields may depend on them (Policy.type, ...)
        List<Map.Entry<FieldDescriptor, JsonElement>> plain = new ArrayList<>();
        List<Map.Entry<FieldDescriptor, JsonElement>> nested = new ArrayList<>();
        List<Map.Entry<FieldDescriptor, JsonElement>> opaque = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : tree.entrySet()) {
            FieldDescriptor f = type.findFieldByName(e.getKey());
            if (f == null) {
                f = byJsonName(type, e.getKey());
            }
            if (f == null) {
                throw new ProtolatorException(type.getFullName() + ": unknown field \"" + e.getKey() + "\" in "
                        + type.getFullName());
            }
            if (e.getValue().isJsonNull()) {
                continue;
            }
            boolean isBytes = (f.isMapField() ? f.getMessageType().findFieldByNumber(2) : f).getJavaType()
                    == FieldDescriptor.JavaType.BYTE_STRING;
            if (isBytes && shape.isOpaque(f)) {
                opaque.add(Map.entry(f, e.getValue()));
            } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                nested.add(Map.entry(f, e.getValue()));
            } else {
                plain.add(Map.entry(f, e.getValue()));
            }
        }
        for (List<Map.Entry<FieldDescriptor, JsonElement>> pass : List.of(plain, nested, opaque)) {
            for (Map.Entry<FieldDescriptor, JsonElement> e : pass) {
                try {
                    fieldFromTree(b, e.getKey(), e.getValue(), shape);
                } catch (ProtolatorException ex) {
                    throw new ProtolatorException(type.getFullName() + ": " + ex.getMessage(), ex);
                } catch (RuntimeException ex) {
                    throw new ProtolatorException(type.getFullName() + ": bad value for field " + e.getKey().getName()
                            + ": " + ex.getMessage(), ex);
                }
            }
        }
    }

    private static FieldDescriptor byJsonName(Descriptor type, String name) {
        for (FieldDescriptor f : type.getFields()) {
            if (f.getJsonName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private static void fieldFromTree(Message.Builder b, FieldDescriptor f, JsonElement value, Shape shape)
            throws ProtolatorException {
        if (f.isMapField()) {
            if (!value.isJsonObject()) {
                throw new ProtolatorException("map field " + f.getName() + " must be a JSON object");
            }
            FieldDescriptor keyField = f.getMessageType().findFieldByNumber(1);
            FieldDescriptor valueField = f.getMessageType().findFieldByNumber(2);
            // entries go in key order so that plain serialization is Go's deterministic one
            TreeMap<Object, JsonElement> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
                sorted.put(mapKey(keyField, e.getKey()), e.getValue());
            }
            for (Map.Entry<Object, JsonElement> e : sorted.entrySet()) {
                Message.Builder entry = b.newBuilderForField(f);
                entry.setField(keyField, e.getKey());
                String key = String.valueOf(e.getKey());
                Object v = elementFromTree(b, f, valueField, e.getValue(), key, shape,
                        valueField.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                                ? entry.newBuilderForField(valueField) : null);
                entry.setField(valueField, v);
                b.addRepeatedField(f, entry.build());
            }
            return;
        }
        if (f.isRepeated()) {
            if (!value.isJsonArray()) {
                throw new ProtolatorException("repeated field " + f.getName() + " must be a JSON array");
            }
            for (JsonElement item : value.getAsJsonArray()) {
                Message.Builder sub = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? b.newBuilderForField(f)
                        : null;
                b.addRepeatedField(f, elementFromTree(b, f, f, item, null, shape, sub));
            }
            return;
        }
        Message.Builder sub = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? b.newBuilderForField(f) : null;
        b.setField(f, elementFromTree(b, f, f, value, null, shape, sub));
    }

    private static Object mapKey(FieldDescriptor keyField, String key) throws ProtolatorException {
        return switch (keyField.getJavaType()) {
            case STRING -> key;
            case BOOLEAN -> Boolean.parseBoolean(key);
            default -> scalarFromTree(keyField, new JsonPrimitive(key));
        };
    }

    private static Object elementFromTree(MessageOrBuilder owner, FieldDescriptor field, FieldDescriptor valueType,
            JsonElement value, String key, Shape shape, Message.Builder sub) throws ProtolatorException {
        if (value.isJsonNull()) {
            throw new ProtolatorException("null is not allowed inside field " + field.getName());
        }
        if (valueType.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            String name = valueType.getMessageType().getFullName();
            if (name.equals("google.protobuf.Timestamp") || name.equals("google.protobuf.Duration")) {
                return WellKnownTypes.parse(name, string(value, field), sub);
            }
            if (!value.isJsonObject()) {
                throw new ProtolatorException("field " + field.getName() + " must be a JSON object");
            }
            fillFromTree(value.getAsJsonObject(), sub, shape.child(owner, field, key));
            return sub.build();
        }
        if (valueType.getJavaType() == FieldDescriptor.JavaType.BYTE_STRING && shape.isOpaque(field)) {
            if (!value.isJsonObject()) {
                throw new ProtolatorException("expected field " + field.getName()
                        + " to hold a decoded message (a JSON object)");
            }
            Message type = shape.opaqueType(owner, field, key);
            Message.Builder ob = type.newBuilderForType();
            fillFromTree(value.getAsJsonObject(), ob, Shapes.of(type.getDescriptorForType().getFullName()));
            return ByteString.copyFrom(Protolator.deterministicBytes(ob.build()));
        }
        return scalarFromTree(valueType, value);
    }

    private static Object scalarFromTree(FieldDescriptor f, JsonElement value) throws ProtolatorException {
        if (!value.isJsonPrimitive()) {
            throw new ProtolatorException("field " + f.getName() + " must be a JSON scalar");
        }
        JsonPrimitive p = value.getAsJsonPrimitive();
        try {
            return switch (f.getJavaType()) {
                case INT -> {
                    BigInteger n = integer(p);
                    long l = n.longValueExact();
                    if (TreeWriter.isUnsigned(f) ? (l < 0 || l > 0xFFFFFFFFL) : (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)) {
                        throw new ProtolatorException("value " + n + " out of range for field " + f.getName());
                    }
                    yield (int) l;
                }
                case LONG -> {
                    BigInteger n = integer(p);
                    if (TreeWriter.isUnsigned(f)) {
                        if (n.signum() < 0 || n.bitLength() > 64) {
                            throw new ProtolatorException("value " + n + " out of range for field " + f.getName());
                        }
                        yield n.longValue();
                    }
                    yield n.longValueExact();
                }
                case FLOAT -> (float) floating(p);
                case DOUBLE -> floating(p);
                case BOOLEAN -> {
                    if (!p.isBoolean()) {
                        throw new ProtolatorException("field " + f.getName() + " must be true or false");
                    }
                    yield p.getAsBoolean();
                }
                case STRING -> string(p, f);
                case BYTE_STRING -> ByteString.copyFrom(base64(string(p, f)));
                case ENUM -> enumValue(f.getEnumType(), p);
                case MESSAGE -> throw new IllegalStateException("not a scalar");
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ProtolatorException("bad number for field " + f.getName() + ": " + p, e);
        }
    }

    private static BigInteger integer(JsonPrimitive p) {
        return new BigDecimal(p.getAsString().trim()).toBigIntegerExact();
    }

    private static double floating(JsonPrimitive p) {
        String s = p.getAsString();
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static String string(JsonElement e, FieldDescriptor f) throws ProtolatorException {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new ProtolatorException("field " + f.getName() + " must be a JSON string");
        }
        return e.getAsString();
    }

    private static byte[] base64(String s) throws ProtolatorException {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(s);
            } catch (IllegalArgumentException e2) {
                throw new ProtolatorException("illegal base64 data: " + e.getMessage(), e);
            }
        }
    }

    private static EnumValueDescriptor enumValue(EnumDescriptor type, JsonPrimitive p) throws ProtolatorException {
        if (p.isNumber()) {
            return type.findValueByNumberCreatingIfUnknown(p.getAsInt());
        }
        EnumValueDescriptor v = type.findValueByName(p.getAsString());
        if (v == null) {
            throw new ProtolatorException("unknown value \"" + p.getAsString() + "\" for enum " + type.getFullName());
        }
        return v;
    }

    /** google.protobuf.Timestamp and Duration in jsonpb's string forms. */
}
