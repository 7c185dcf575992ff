package io.weft.bccsp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * PEM encoding and decoding with the exact acceptance rules of Go's {@code encoding/pem}, because
 * whether Fabric accepts an identity starts with whether {@code pem.Decode} finds a block in it.
 */
public final class Pem {

    private static final byte[] BEGIN = "\n-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n-----END ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);

    private Pem() {
    }

    /** The first PEM block in {@code data}, as {@code pem.Decode} finds it; empty if none. */
    public static Optional<PemBlock> decode(byte[] data) {
        Objects.requireNonNull(data, "data");
        int rest = 0;
        while (true) {
            if (startsWith(data, rest, BEGIN, 1)) {
                rest += BEGIN.length - 1;
            } else {
                int i = indexOf(data, rest, BEGIN);
                if (i < 0) {
                    return Optional.empty();
                }
                rest = i + BEGIN.length;
            }
            int[] line = line(data, rest);
            int typeStart = rest;
            int typeEnd = line[0];
            rest = line[1];
            if (!endsWith(data, typeStart, typeEnd, DASHES)) {
                continue;
            }
            typeEnd -= DASHES.length;
            String type = new String(data, typeStart, typeEnd - typeStart, StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            boolean truncated = false;
            while (true) {
                if (rest >= data.length) {
                    truncated = true;
                    break;
                }
                int[] l = line(data, rest);
                int colon = indexOf(data, rest, l[0], (byte) ':');
                if (colon < 0) {
                    break;
                }
                headers.put(trim(data, rest, colon), trim(data, colon + 1, l[0]));
                rest = l[1];
            }
            if (truncated) {
                return Optional.empty();
            }
            int endIndex;
            int endTrailerIndex;
            if (headers.isEmpty() && startsWith(data, rest, END, 1)) {
                endIndex = rest;
                endTrailerIndex = rest + END.length - 1;
            } else {
                int i = indexOf(data, rest, END);
                if (i < 0) {
                    continue;
                }
                endIndex = i;
                endTrailerIndex = i + END.length;
            }
            int typeLen = typeEnd - typeStart;
            int trailerLen = typeLen + DASHES.length;
            if (data.length - endTrailerIndex < trailerLen) {
                continue;
            }
            if (!regionEquals(data, endTrailerIndex, data, typeStart, typeLen)
                    || !regionEquals(data, endTrailerIndex + typeLen, DASHES, 0, DASHES.length)) {
                continue;
            }
            int[] endLine = line(data, endTrailerIndex + trailerLen);
            if (endLine[0] != endTrailerIndex + trailerLen) {
                continue;
            }
            byte[] body = decodeBase64(data, rest, endIndex);
            if (body == null) {
                continue;
            }
            int[] after = line(data, endIndex + END.length - 1);
            byte[] tail = java.util.Arrays.copyOfRange(data, after[1], data.length);
            return Optional.of(new PemBlock(type, headers, body, tail));
        }
    }

    /** {@code pem.EncodeToMemory} of a block without headers: 64-column base64, LF line ends. */
    public static byte[] encode(String type, byte[] bytes) {
        Objects.requireNonNull(type, "type");
        String b64 = Base64.getEncoder().encodeToString(bytes);
        StringBuilder sb = new StringBuilder(b64.length() + b64.length() / 64 + 64);
        sb.append("-----BEGIN ").append(type).append("-----\n");
        for (int i = 0; i < b64.length(); i += 64) {
            sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        sb.append("-----END ").append(type).append("-----\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // Go's getLine: the line up to '\n' with trailing spaces, tabs and '\r' removed; returns
    // {end of trimmed line, start of next line}.
    private static int[] line(byte[] d, int from) {
        int nl = from;
        while (nl < d.length && d[nl] != '\n') {
            nl++;
        }
        int next = nl < d.length ? nl + 1 : nl;
        int end = nl;
        while (end > from && (d[end - 1] == ' ' || d[end - 1] == '\t' || d[end - 1] == '\r')) {
            end--;
        }
        return new int[] {end, next};
    }

    private static byte[] decodeBase64(byte[] d, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            byte c = d[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            sb.append((char) (c & 0xff));
        }
        if (sb.length() % 4 != 0) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(sb.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String trim(byte[] d, int from, int to) {
        return new String(d, from, to - from, StandardCharsets.UTF_8).strip();
    }

    private static boolean startsWith(byte[] d, int at, byte[] prefix, int prefixFrom) {
        int n = prefix.length - prefixFrom;
        return d.length - at >= n && regionEquals(d, at, prefix, prefixFrom, n);
    }

    private static boolean endsWith(byte[] d, int from, int to, byte[] suffix) {
        return to - from >= suffix.length && regionEquals(d, to - suffix.length, suffix, 0, suffix.length);
    }

    private static boolean regionEquals(byte[] a, int ao, byte[] b, int bo, int n) {
        if (ao < 0 || bo < 0 || ao + n > a.length || bo + n > b.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (a[ao + i] != b[bo + i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] d, int from, byte[] needle) {
        outer:
        for (int i = from; i <= d.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (d[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int indexOf(byte[] d, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (d[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
