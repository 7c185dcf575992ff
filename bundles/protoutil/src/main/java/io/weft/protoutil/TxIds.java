package io.weft.protoutil;

import com.google.protobuf.ByteString;

/** Fabric's transaction id: lower-case hex SHA-256 of {@code nonce ‖ creator}. */
public final class TxIds {

    private TxIds() {
    }

    public static String compute(ByteString nonce, ByteString creator) {
        return Hashing.hex(Hashing.sha256(nonce, creator));
    }
}
