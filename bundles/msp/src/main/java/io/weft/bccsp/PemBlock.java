package io.weft.bccsp;

import java.util.Map;
import java.util.Objects;

/**
 * One PEM block as Go's {@code encoding/pem} decodes it.
 *
 * @param type the word after {@code BEGIN}, e.g. {@code CERTIFICATE}
 * @param headers the RFC 1421 headers (e.g. {@code DEK-Info} of an encrypted key)
 * @param bytes the decoded body
 * @param rest what follows the block in the input
 */
public record PemBlock(String type, Map<String, String> headers, byte[] bytes, byte[] rest) {

    public PemBlock {
        Objects.requireNonNull(type, "type");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(rest, "rest");
    }

    /** Whether Go's {@code x509.IsEncryptedPEMBlock} would call it encrypted. */
    public boolean encrypted() {
        return headers.containsKey("DEK-Info");
    }
}
