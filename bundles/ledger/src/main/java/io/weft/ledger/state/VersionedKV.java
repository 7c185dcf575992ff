package io.weft.ledger.state;

import com.google.protobuf.ByteString;

/** A key of a namespace with its committed value, as range scans return them. */
public record VersionedKV(String namespace, ByteString key, VersionedValue value) {

    /** The key as text (public and private keys are UTF-8; hashed keys are not). */
    public String keyString() {
        return key.toStringUtf8();
    }
}
