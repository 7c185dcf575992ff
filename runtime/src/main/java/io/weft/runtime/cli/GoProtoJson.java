package io.weft.runtime.cli;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;

import io.weft.protoutil.GoJsonStrings;

/**
 * A protobuf message as the {@code peer} CLI prints it with {@code --output json}: Go's
 * {@code json.MarshalIndent(msg, "", "\t")} of the struct fabric-protos-go generates for it (the golang/protobuf v1
 * generator Fabric 2.5 builds with). That is not protobuf's JSON mapping: fields are named as in the .proto file and
 * left out when empty ({@code omitempty}); a set oneof is an object under the oneof's Go name holding its field under
 * that field's Go name, never left out; enums are numbers, bytes base64, map keys sorted; strings escaped as Go's
 * encoder does (HTML characters included).
 */
public final class GoProtoJson {

    private GoProtoJson() {
    }

    /** The indented JSON, without a trailing newline. */
    public static String marshalIndent(Message message) {
        StringBuilder out = new StringBuilder();
        writeMessage(out, message, 0);
        return out.toString();
    }

    private static void writeMessage(StringBuilder out, Message message, int depth) {
        List<Map.Entry<String, Runnable>> members = new ArrayList<>();
        List<OneofDescriptor> seen = new ArrayList<>();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof != null) {
                // the oneof's interface field sits where its first member is declared
                if (seen.contains(oneof)) {
                    continue;
                }
                seen.add(oneof);
                FieldDescriptor set = message.getOneofFieldDescriptor(oneof);
                if (set != null) {
                    members.add(Map.entry(camelCase(oneof.getName()), () -> writeOneof(out, message, set, depth + 1)));
                }
                continue;
            }
            if (isEmpty(message, field)) {
                continue;
            }
            members.add(Map.entry(field.getName(), () -> writeValue(out, field, message.getField(field), depth + 1)));
        }
        writeObject(out, members, depth);
    }

    private static void writeOneof(StringBuilder out, Message message, FieldDescriptor field, int depth) {
        writeObject(out, List.of(Map.entry(camelCase(field.getName()),
                () -> writeSingle(out, field, message.getField(field), depth + 1))), depth);
    }

    private static void writeObject(StringBuilder out, List<Map.Entry<String, Runnable>> members, int depth) {
        if (members.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            newline(out, depth + 1);
            writeString(out, members.get(i).getKey());
            out.append(": ");
            members.get(i).getValue().run();
        }
        newline(out, depth);
        out.append('}');
    }

    private static boolean isEmpty(Message message, FieldDescriptor field) {
        if (field.isRepeated()) {
            return message.getRepeatedFieldCount(field) == 0;
        }
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return !message.hasField(field);
        }
        Object value = message.getField(field);
        return switch (field.getJavaType()) {
            case STRING -> ((String) value).isEmpty();
            case BYTE_STRING -> ((ByteString) value).isEmpty();
            case BOOLEAN -> !(Boolean) value;
            case ENUM -> ((EnumValueDescriptor) value).getNumber() == 0;
            case INT, LONG, FLOAT, DOUBLE -> ((Number) value).doubleValue() == 0;
            default -> false;
        };
    }

    private static void writeValue(StringBuilder out, FieldDescriptor field, Object value, int depth) {
        if (field.isMapField()) {
            writeMap(out, field, (List<?>) value, depth);
        } else if (field.isRepeated()) {
            List<?> items = (List<?>) value;
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                newline(out, depth + 1);
                writeSingle(out, field, items.get(i), depth + 1);
            }
            newline(out, depth);
            out.append(']');
        } else {
            writeSingle(out, field, value, depth);
        }
    }

    private static void writeMap(StringBuilder out, FieldDescriptor field, List<?> entries, int depth) {
        FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
        List<Map.Entry<String, Runnable>> members = new ArrayList<>();
        entries.stream().map(e -> (MapEntry<?, ?>) e)
                .sorted(Comparator.comparing(e -> String.valueOf(e.getKey())))
                .forEach(e -> members.add(Map.entry(String.valueOf(e.getKey()),
                        () -> writeSingle(out, valueField, e.getValue(), depth + 1))));
        writeObject(out, members, depth);
    }

    private static void writeSingle(StringBuilder out, FieldDescriptor field, Object value, int depth) {
        switch (field.getJavaType()) {
            case MESSAGE -> writeMessage(out, (Message) value, depth);
            case STRING -> writeString(out, (String) value);
            case BYTE_STRING -> writeString(out, Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case BOOLEAN -> out.append(value);
            case ENUM -> out.append(value instanceof EnumValueDescriptor e ? e.getNumber() : value);
            case INT -> out.append(field.getType() == FieldDescriptor.Type.UINT32 || field.getType() == FieldDescriptor.Type.FIXED32
                    ? Integer.toUnsignedString((Integer) value) : value.toString());
            case LONG -> out.append(field.getType() == FieldDescriptor.Type.UINT64 || field.getType() == FieldDescriptor.Type.FIXED64
                    ? Long.toUnsignedString((Long) value) : value.toString());
            default -> out.append(value);
        }
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        out.append("\t".repeat(depth));
    }

    static void writeString(StringBuilder out, String s) {
        GoJsonStrings.quote(s, out);
    }

    /** The Go name protoc-gen-go (v1) gives a field or oneof: {@code n_out_of} is {@code NOutOf}. */
    static String camelCase(String name) {
        StringBuilder t = new StringBuilder();
        int i = 0;
        if (name.startsWith("_")) {
            t.append('X');
            i++;
        }
        for (; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' && i + 1 < name.length() && isLower(name.charAt(i + 1))) {
                continue;
            }
            if (c >= '0' && c <= '9') {
                t.append(c);
                continue;
            }
            t.append(isLower(c) ? (char) (c - 32) : c);
            while (i + 1 < name.length() && isLower(name.charAt(i + 1))) {
                t.append(name.charAt(++i));
            }
        }
        return t.toString();
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }
}
