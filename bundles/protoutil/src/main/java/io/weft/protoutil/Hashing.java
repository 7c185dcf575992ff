package io.weft.protoutil;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.google.protobuf.ByteString;

/** SHA-256, the hash of Fabric's derivations. */
public final class Hashing {

    private Hashing() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** SHA-256 of the concatenation of {@code parts}. */
    public static byte[] sha256(ByteString... parts) {
        MessageDigest d = sha256();
        for (ByteString p : parts) {
            for (java.nio.ByteBuffer b : p.asReadOnlyByteBufferList()) {
                d.update(b);
            }
        }
        return d.digest();
    }

    /** Lower-case hex, as Go's {@code hex.EncodeToString}. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
