package io.weft.runtime.cli.chaincode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.Response;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import com.google.protobuf.ByteString;

import io.weft.runtime.cli.CliException;

/** What the legacy {@code peer chaincode} verbs send and print, read as Fabric's CLI reads it. */
final class ChaincodeCalls {

    private static final String KEYS = "JSON chaincode parameters must contain the following keys: 'Args' or "
            + "'Function' and 'Args'";

    private ChaincodeCalls() {
    }

    /**
     * {@code -c}: {@code {"Args":[...]}} or {@code {"Function":"f","Args":[...]}} (keys in any case, as Go's decoder
     * matches them), the function first.
     */
    static ChaincodeInput input(String ctorJson) {
        if (ctorJson.equals("{}")) {
            throw new CliException("empty " + KEYS);
        }
        JsonObject ctor;
        try {
            JsonElement parsed = JsonParser.parseString(ctorJson);
            if (!parsed.isJsonObject()) {
                throw new CliException("chaincode argument error: json: cannot unmarshal " + goKind(parsed)
                        + " into Go value of type map[string]interface {}");
            }
            ctor = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new CliException("chaincode argument error: " + e.getMessage(), e);
        }
        Map<String, JsonElement> keys = new LinkedHashMap<>();
        ctor.entrySet().forEach(e -> keys.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        boolean args = keys.containsKey("args");
        boolean function = keys.containsKey("function");
        if (!args || (ctor.size() == 2 && !function) || ctor.size() > 2) {
            throw new CliException("non-empty " + KEYS);
        }
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        JsonElement f = keys.get("function");
        if (f != null && !f.isJsonNull()) {
            String name = string(f, "Function");
            if (!name.isEmpty()) {
                input.addArgs(ByteString.copyFromUtf8(name));
            }
        }
        JsonElement list = keys.get("args");
        if (!list.isJsonNull()) {
            if (!list.isJsonArray()) {
                throw new CliException("chaincode argument error: json: cannot unmarshal " + goKind(list)
                        + " into Go struct field .Args of type []string");
            }
            list.getAsJsonArray().forEach(a -> input.addArgs(ByteString.copyFromUtf8(string(a, "Args"))));
        }
        return input.build();
    }

    /**
     * Fabric's checks of {@code -C}, {@code -n} and {@code -c} for query and invoke, then the invocation.
     *
     * @throws CliException with Fabric's message for the first missing or bad flag
     */
    static org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec invocation(String channelId, String name,
            String ctorJson, boolean isInit) {
        if (channelId.isEmpty()) {
            throw new CliException("The required parameter 'channelID' is empty. Rerun the command with -C flag");
        }
        if (name.isEmpty()) {
            throw new CliException("must supply value for chaincode name parameter");
        }
        return io.weft.protoutil.Proposals.invocation(name, input(ctorJson).toBuilder().setIsInit(isInit).build());
    }

    /** {@code --transient}: a JSON object whose values are base64, as Go decodes {@code map[string][]byte}. */
    static Map<String, ByteString> transientMap(String json) {
        if (json.isEmpty()) {
            return Map.of();
        }
        Map<String, ByteString> map = new LinkedHashMap<>();
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                throw new CliException("error parsing transient string: json: cannot unmarshal " + goKind(parsed)
                        + " into Go value of type map[string][]uint8 - proposal response: <nil>");
            }
            for (Map.Entry<String, JsonElement> e : parsed.getAsJsonObject().entrySet()) {
                map.put(e.getKey(), e.getValue().isJsonNull() ? ByteString.EMPTY
                        : ByteString.copyFrom(Base64.getDecoder().decode(e.getValue().getAsString())));
            }
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new CliException("error parsing transient string: " + e.getMessage() + " - proposal response: <nil>",
                    e);
        }
        return map;
    }

    /** A response as Go's {@code %v} prints the message on one line: {@code status:500 message:"..."}. */
    static String goText(Response r) {
        StringBuilder b = new StringBuilder();
        if (r.getStatus() != 0) {
            b.append("status:").append(r.getStatus());
        }
        if (!r.getMessage().isEmpty()) {
            // a string field: its UTF-8 text stays as it is, only ASCII controls and quotes are escaped
            b.append(b.length() == 0 ? "" : " ").append("message:").append(quote(r.getMessage().getBytes(
                    StandardCharsets.UTF_8), true));
        }
        if (!r.getPayload().isEmpty()) {
            b.append(b.length() == 0 ? "" : " ").append("payload:").append(quote(r.getPayload().toByteArray(), false));
        }
        return b.toString();
    }

    /** Go's text-format string: printable ASCII as is, the usual escapes, other bytes in octal. */
    private static String quote(byte[] bytes, boolean utf8) {
        StringBuilder q = new StringBuilder("\"");
        if (utf8) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    q.append(c);
                } else {
                    escape(q, c);
                }
            }
            return q.append('"').toString();
        }
        for (byte x : bytes) {
            escape(q, x & 0xff);
        }
        return q.append('"').toString();
    }

    private static void escape(StringBuilder q, int c) {
        switch (c) {
            case '"' -> q.append("\\\"");
            case '\\' -> q.append("\\\\");
            case '\n' -> q.append("\\n");
            case '\r' -> q.append("\\r");
            case '\t' -> q.append("\\t");
            default -> {
                if (c >= 0x20 && c < 0x7f) {
                    q.append((char) c);
                } else {
                    q.append(String.format("\\%03o", c));
                }
            }
        }
    }

    private static String string(JsonElement e, String field) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new CliException("chaincode argument error: json: cannot unmarshal " + goKind(e)
                    + " into Go struct field ." + field + " of type string");
        }
        return e.getAsString();
    }

    private static String goKind(JsonElement e) {
        if (e.isJsonArray()) {
            return "array";
        }
        if (e.isJsonObject()) {
            return "object";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        var p = e.getAsJsonPrimitive();
        return p.isBoolean() ? "bool" : p.isNumber() ? "number" : "string";
    }
}
