package io.weft.tools.cryptogen;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** PEM text as Go's {@code pem.Encode} writes it: 64-column base64 and a final newline. */
final class Pems {

    private Pems() {
    }

    static byte[] encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The bytes of the first block of {@code type}, if there is one. */
    static Optional<byte[]> decode(String text, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = b < 0 ? -1 : text.indexOf(end, b);
        if (e < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e)));
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }
}
