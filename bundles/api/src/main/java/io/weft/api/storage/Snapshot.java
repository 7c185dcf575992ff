package io.weft.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A fixed view of a store: later writes are not seen. Reads after {@link #close()} throw a
 * {@link StorageException}.
 */
@ConsumerType
public interface Snapshot extends KeyReader, AutoCloseable {

    /** Releases the snapshot. Idempotent. */
    @Override
    void close();
}
