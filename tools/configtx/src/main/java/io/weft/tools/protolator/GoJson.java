package io.weft.tools.protolator;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.weft.protoutil.GoJsonStrings;

/**
 * Writes a JSON tree as Go's {@code json.Encoder} with {@code SetIndent("", "\t")} does for the generic
 * maps Fabric's protolator builds: keys sorted, tab indentation, HTML-safe escapes, trailing newline.
 * Matching the layout byte for byte lets our output be diffed against Fabric's directly.
 */
final class GoJson {

    private GoJson() {
    }

    static String write(JsonElement root) {
        StringBuilder sb = new StringBuilder();
        write(root, sb, 0);
        return sb.append('\n').toString();
    }

    private static void write(JsonElement e, StringBuilder sb, int depth) {
        if (e == null || e.isJsonNull()) {
            sb.append("null");
        } else if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            if (o.isEmpty()) {
                sb.append("{}");
                return;
            }
            List<String> keys = new ArrayList<>(o.keySet());
            keys.sort(null);
            sb.append('{');
            String sep = "\n";
            for (String k : keys) {
                sb.append(sep);
                indent(sb, depth + 1);
                quote(k, sb);
                sb.append(": ");
                write(o.get(k), sb, depth + 1);
                sep = ",\n";
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append('}');
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            if (a.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            String sep = "\n";
            for (JsonElement item : a) {
                sb.append(sep);
                indent(sb, depth + 1);
                write(item, sb, depth + 1);
                sep = ",\n";
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append(']');
        } else {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isString()) {
                quote(p.getAsString(), sb);
            } else if (p.isBoolean()) {
                sb.append(p.getAsBoolean());
            } else {
                sb.append(p.getAsNumber().toString());
            }
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) {
            sb.append('\t');
        }
    }

    static void quote(String s, StringBuilder sb) {
        GoJsonStrings.quote(s, sb);
    }

}
