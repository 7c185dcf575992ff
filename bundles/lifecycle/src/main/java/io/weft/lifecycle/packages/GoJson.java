package io.weft.lifecycle.packages;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.weft.protoutil.GoJsonStrings;

/**
 * JSON as Go's {@code encoding/json} reads and writes it, for the few documents a chaincode package holds:
 * the whole input is checked first and a syntax error is worded as Go words it ({@code invalid character 'x'
 * looking for beginning of value}, {@code unexpected end of JSON input}), because Fabric passes those messages
 * on to the user. Objects keep every member in order, duplicates included, since decoding into a struct lets the
 * last one win while a type error on an earlier one still fails the document.
 */
final class GoJson {

    /** A JSON object: its members in document order. */
    record JsonObject(List<Map.Entry<String, Object>> members) {

        /** As Go's {@code map[string]any}: the last of duplicate keys wins. */
        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, Object> m : members) {
                map.put(m.getKey(), m.getValue());
            }
            return map;
        }
    }

    /** A JSON number, kept as written. */
    record JsonNumber(String text) {
    }

    /** The input is not JSON; the message is Go's. */
    static final class SyntaxException extends Exception {

        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    private GoJson() {
    }

    /**
     * Parses one JSON value (surrounded by white space only): {@link JsonObject}, {@code List<Object>},
     * {@code String}, {@link JsonNumber}, {@code Boolean}, or {@code null}.
     */
    static Object parse(byte[] data) throws SyntaxException {
        Scanner.check(data);
        return new Reader(data).value();
    }

    /** Go's name for the kind of a parsed value, as its type errors print it. */
    static String kind(Object value) {
        if (value instanceof JsonObject) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof JsonNumber) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        return value == null ? "null" : "string";
    }

    /** A string as Go's {@code json.Marshal} writes it. */
    static String quote(String s) {
        return GoJsonStrings.quote(s);
    }

    /** Go's {@code checkValid}: a state machine over bytes with Go's wording for the first error. */
    private static final class Scanner {

        private enum Parse { OBJECT_KEY, OBJECT_VALUE, ARRAY_VALUE }

        private enum State {
            BEGIN_VALUE, BEGIN_VALUE_OR_EMPTY, BEGIN_STRING_OR_EMPTY, BEGIN_STRING, END_VALUE, END_TOP,
            IN_STRING, IN_STRING_ESC, ESC_U, ESC_U1, ESC_U12, ESC_U123,
            NEG, ONE, ZERO, DOT, DOT0, E, E_SIGN, E0,
            T, TR, TRU, F, FA, FAL, FALS, N, NU, NUL
        }

        private final List<Parse> stack = new ArrayList<>();
        private State state = State.BEGIN_VALUE;

        static void check(byte[] data) throws SyntaxException {
            Scanner s = new Scanner();
            for (byte b : data) {
                s.step(b & 0xff);
            }
            if (s.state != State.END_TOP) {
                s.step(' ');
                if (s.state != State.END_TOP) {
                    throw new SyntaxException("unexpected end of JSON input");
                }
            }
        }

        private static boolean isSpace(int c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        private static boolean isHex(int c) {
            return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        @SuppressWarnings("checkstyle:CyclomaticComplexity")
        private void step(int c) throws SyntaxException {
            switch (state) {
                case BEGIN_VALUE_OR_EMPTY -> {
                    if (isSpace(c)) {
                        return;
                    }
                    if (c == ']') {
                        endValue(c);
                        return;
                    }
                    beginValue(c);
                }
                case BEGIN_VALUE -> beginValue(c);
                case BEGIN_STRING_OR_EMPTY -> {
                    if (isSpace(c)) {
                        return;
                    }
                    if (c == '}') {
                        stack.set(stack.size() - 1, Parse.OBJECT_VALUE);
                        endValue(c);
                        return;
                    }
                    beginString(c);
                }
                case BEGIN_STRING -> beginString(c);
                case END_VALUE -> endValue(c);
                case END_TOP -> {
                    if (!isSpace(c)) {
                        throw error(c, "after top-level value");
                    }
                }
                case IN_STRING -> {
                    if (c == '"') {
                        state = State.END_VALUE;
                    } else if (c == '\\') {
                        state = State.IN_STRING_ESC;
                    } else if (c < 0x20) {
                        throw error(c, "in string literal");
                    }
                }
                case IN_STRING_ESC -> {
                    if ("bfnrt\\/\"".indexOf(c) >= 0) {
                        state = State.IN_STRING;
                    } else if (c == 'u') {
                        state = State.ESC_U;
                    } else {
                        throw error(c, "in string escape code");
                    }
                }
                case ESC_U, ESC_U1, ESC_U12, ESC_U123 -> {
                    if (!isHex(c)) {
                        throw error(c, "in \\u hexadecimal character escape");
                    }
                    state = switch (state) {
                        case ESC_U -> State.ESC_U1;
                        case ESC_U1 -> State.ESC_U12;
                        case ESC_U12 -> State.ESC_U123;
                        default -> State.IN_STRING;
                    };
                }
                case NEG -> {
                    if (c == '0') {
                        state = State.ZERO;
                    } else if (c >= '1' && c <= '9') {
                        state = State.ONE;
                    } else {
                        throw error(c, "in numeric literal");
                    }
                }
                case ONE -> {
                    if (!isDigit(c)) {
                        zero(c);
                    }
                }
                case ZERO -> zero(c);
                case DOT -> {
                    if (!isDigit(c)) {
                        throw error(c, "after decimal point in numeric literal");
                    }
                    state = State.DOT0;
                }
                case DOT0 -> {
                    if (c == 'e' || c == 'E') {
                        state = State.E;
                    } else if (!isDigit(c)) {
                        endValue(c);
                    }
                }
                case E -> {
                    if (c == '+' || c == '-') {
                        state = State.E_SIGN;
                    } else {
                        exponentSign(c);
                    }
                }
                case E_SIGN -> exponentSign(c);
                case E0 -> {
                    if (!isDigit(c)) {
                        endValue(c);
                    }
                }
                case T -> literal(c, 'r', State.TR, "true");
                case TR -> literal(c, 'u', State.TRU, "true");
                case TRU -> literal(c, 'e', State.END_VALUE, "true");
                case F -> literal(c, 'a', State.FA, "false");
                case FA -> literal(c, 'l', State.FAL, "false");
                case FAL -> literal(c, 's', State.FALS, "false");
                case FALS -> literal(c, 'e', State.END_VALUE, "false");
                case N -> literal(c, 'u', State.NU, "null");
                case NU -> literal(c, 'l', State.NUL, "null");
                case NUL -> literal(c, 'l', State.END_VALUE, "null");
                default -> throw new IllegalStateException(state.toString());
            }
        }

        private void beginValue(int c) throws SyntaxException {
            if (isSpace(c)) {
                return;
            }
            switch (c) {
                case '{' -> {
                    stack.add(Parse.OBJECT_KEY);
                    state = State.BEGIN_STRING_OR_EMPTY;
                }
                case '[' -> {
                    stack.add(Parse.ARRAY_VALUE);
                    state = State.BEGIN_VALUE_OR_EMPTY;
                }
                case '"' -> state = State.IN_STRING;
                case '-' -> state = State.NEG;
                case '0' -> state = State.ZERO;
                case 't' -> state = State.T;
                case 'f' -> state = State.F;
                case 'n' -> state = State.N;
                default -> {
                    if (c >= '1' && c <= '9') {
                        state = State.ONE;
                    } else {
                        throw error(c, "looking for beginning of value");
                    }
                }
            }
        }

        private void beginString(int c) throws SyntaxException {
            if (isSpace(c)) {
                return;
            }
            if (c != '"') {
                throw error(c, "looking for beginning of object key string");
            }
            state = State.IN_STRING;
        }

        private void zero(int c) throws SyntaxException {
            if (c == '.') {
                state = State.DOT;
            } else if (c == 'e' || c == 'E') {
                state = State.E;
            } else {
                endValue(c);
            }
        }

        private void exponentSign(int c) throws SyntaxException {
            if (!isDigit(c)) {
                throw error(c, "in exponent of numeric literal");
            }
            state = State.E0;
        }

        private void literal(int c, char expected, State next, String word) throws SyntaxException {
            if (c != expected) {
                throw error(c, "in literal " + word + " (expecting '" + expected + "')");
            }
            state = next;
        }

        private void endValue(int c) throws SyntaxException {
            if (stack.isEmpty()) {
                state = State.END_TOP;
                step(c);
                return;
            }
            if (isSpace(c)) {
                state = State.END_VALUE;
                return;
            }
            int top = stack.size() - 1;
            switch (stack.get(top)) {
                case OBJECT_KEY -> {
                    if (c != ':') {
                        throw error(c, "after object key");
                    }
                    stack.set(top, Parse.OBJECT_VALUE);
                    state = State.BEGIN_VALUE;
                }
                case OBJECT_VALUE -> {
                    if (c == ',') {
                        stack.set(top, Parse.OBJECT_KEY);
                        state = State.BEGIN_STRING;
                    } else if (c == '}') {
                        pop();
                    } else {
                        throw error(c, "after object key:value pair");
                    }
                }
                case ARRAY_VALUE -> {
                    if (c == ',') {
                        state = State.BEGIN_VALUE;
                    } else if (c == ']') {
                        pop();
                    } else {
                        throw error(c, "after array element");
                    }
                }
                default -> throw new IllegalStateException();
            }
        }

        private void pop() {
            stack.remove(stack.size() - 1);
            state = stack.isEmpty() ? State.END_TOP : State.END_VALUE;
        }

        private static SyntaxException error(int c, String context) {
            return new SyntaxException("invalid character " + quoteChar(c) + " " + context);
        }

        /** Go's {@code quoteChar}: the byte read as a code point, quoted as {@code strconv.Quote} would. */
        private static String quoteChar(int c) {
            if (c == '\'') {
                return "'\\''";
            }
            if (c == '"') {
                return "'\"'";
            }
            String body = switch (c) {
                case 0x07 -> "\\a";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case 0x0b -> "\\v";
                case '\\' -> "\\\\";
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        yield String.format("\\x%02x", c);
                    }
                    if (c >= 0x80 && c <= 0xa0 || c == 0xad) {
                        yield String.format("\\u%04x", c);
                    }
                    yield String.valueOf((char) c);
                }
            };
            return "'" + body + "'";
        }
    }

    /** Reads a document {@link Scanner} accepted; no error handling needed beyond that. */
    private static final class Reader {

        private final byte[] data;
        private int pos;

        Reader(byte[] data) {
            this.data = data;
        }

        Object value() {
            skipSpace();
            int c = data[pos];
            switch (c) {
                case '{' -> {
                    pos++;
                    List<Map.Entry<String, Object>> members = new ArrayList<>();
                    skipSpace();
                    if (data[pos] == '}') {
                        pos++;
                        return new JsonObject(members);
                    }
                    while (true) {
                        skipSpace();
                        String key = string();
                        skipSpace();
                        pos++; // ':'
                        Object v = value();
                        members.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key, v));
                        skipSpace();
                        if (data[pos++] == '}') {
                            return new JsonObject(members);
                        }
                    }
                }
                case '[' -> {
                    pos++;
                    List<Object> items = new ArrayList<>();
                    skipSpace();
                    if (data[pos] == ']') {
                        pos++;
                        return items;
                    }
                    while (true) {
                        items.add(value());
                        skipSpace();
                        if (data[pos++] == ']') {
                            return items;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    pos += 4;
                    return Boolean.TRUE;
                }
                case 'f' -> {
                    pos += 5;
                    return Boolean.FALSE;
                }
                case 'n' -> {
                    pos += 4;
                    return null;
                }
                default -> {
                    int start = pos;
                    while (pos < data.length && "+-.eE0123456789".indexOf(data[pos]) >= 0) {
                        pos++;
                    }
                    return new JsonNumber(new String(data, start, pos - start, StandardCharsets.US_ASCII));
                }
            }
        }

        private void skipSpace() {
            while (pos < data.length && Scanner.isSpace(data[pos])) {
                pos++;
            }
        }

        /** A string literal; invalid UTF-8 and unpaired surrogate escapes become U+FFFD, as in Go. */
        private String string() {
            pos++; // opening quote
            StringBuilder b = new StringBuilder();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            while (true) {
                int c = data[pos++] & 0xff;
                if (c == '"') {
                    flush(raw, b);
                    return b.toString();
                }
                if (c != '\\') {
                    raw.write(c);
                    continue;
                }
                flush(raw, b);
                int e = data[pos++];
                switch (e) {
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> b.append(unicodeEscape());
                    default -> b.append((char) e);
                }
            }
        }

        private String unicodeEscape() {
            char first = hex4();
            if (Character.isHighSurrogate(first) && pos + 6 <= data.length && data[pos] == '\\' && data[pos + 1] == 'u') {
                int save = pos;
                pos += 2;
                char second = hex4();
                if (Character.isLowSurrogate(second)) {
                    return new String(new char[] {first, second});
                }
                pos = save; // Go keeps the second escape for its own turn
                return "\ufffd";
            }
            return Character.isSurrogate(first) ? "\ufffd" : String.valueOf(first);
        }

        private char hex4() {
            char v = (char) Integer.parseInt(new String(data, pos, 4, StandardCharsets.US_ASCII), 16);
            pos += 4;
            return v;
        }

        private static void flush(ByteArrayOutputStream raw, StringBuilder b) {
            if (raw.size() > 0) {
                b.append(raw.toString(StandardCharsets.UTF_8));
                raw.reset();
            }
        }
    }
}
