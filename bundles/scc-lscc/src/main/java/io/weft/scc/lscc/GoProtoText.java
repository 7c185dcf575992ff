package io.weft.scc.lscc;

import java.util.Map;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.peer.ChaincodeInput;

import com.google.protobuf.ByteString;

/**
 * {@code ChaincodeInput.String()} as Go's protobuf prints it on one line ({@code args:"init" args:"a"}), for
 * {@code ChaincodeInfo.input}. Go may add a space after a colon at random per build; this never does.
 */
final class GoProtoText {

    private GoProtoText() {
    }

    static String input(ChaincodeInput input) {
        StringBuilder b = new StringBuilder();
        for (ByteString arg : input.getArgsList()) {
            field(b, "args").append(quote(arg));
        }
        // Go prints map entries sorted by key
        for (Map.Entry<String, ByteString> d : new TreeMap<>(input.getDecorationsMap()).entrySet()) {
            field(b, "decorations").append("{key:").append(quote(ByteString.copyFromUtf8(d.getKey())))
                    .append(" value:").append(quote(d.getValue())).append('}');
        }
        if (input.getIsInit()) {
            field(b, "is_init").append("true");
        }
        return b.toString();
    }

    private static StringBuilder field(StringBuilder b, String name) {
        return (b.length() == 0 ? b : b.append(' ')).append(name).append(':');
    }

    /** prototext's string quoting: printable ASCII kept, the usual escapes, other bytes as {@code \xNN}. */
    private static String quote(ByteString bytes) {
        StringBuilder b = new StringBuilder("\"");
        if (bytes.isValidUtf8()) {
            bytes.toStringUtf8().codePoints().forEach(cp -> appendRune(b, cp));
        } else {
            for (int i = 0; i < bytes.size(); i++) {
                int c = bytes.byteAt(i) & 0xff;
                if (c < 0x80) {
                    appendRune(b, c);
                } else {
                    b.append(String.format("\\x%02x", c));
                }
            }
        }
        return b.append('"').toString();
    }

    private static void appendRune(StringBuilder b, int cp) {
        switch (cp) {
            case '"' -> b.append("\\\"");
            case '\\' -> b.append("\\\\");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            default -> {
                if (cp < 0x20 || cp == 0x7f) {
                    b.append(String.format("\\x%02x", cp));
                } else {
                    b.appendCodePoint(cp);
                }
            }
        }
    }
}
