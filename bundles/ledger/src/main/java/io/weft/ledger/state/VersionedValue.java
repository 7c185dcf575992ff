package io.weft.ledger.state;

import com.google.protobuf.ByteString;

/**
 * A value in the state database with its metadata (a serialized {@code KVMetadataWrite}, or null) and the version
 * that wrote it. In an {@link UpdateBatch} a null value marks a delete.
 */
public record VersionedValue(ByteString value, ByteString metadata, Version version) {

    public static VersionedValue delete(Version version) {
        return new VersionedValue(null, null, version);
    }

    public boolean isDelete() {
        return value == null;
    }
}
