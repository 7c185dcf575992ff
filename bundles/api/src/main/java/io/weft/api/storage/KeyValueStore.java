package io.weft.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An ordered key-value store. Writes go in atomic batches; reads see a batch whole or not at all. After
 * {@link #close()} every call (on the store and on its open snapshots and iterators) throws a
 * {@link StorageException}.
 */
@ConsumerType
public interface KeyValueStore extends KeyReader, AutoCloseable {

    /** An empty batch to fill and {@link #write}. */
    default WriteBatch newBatch() {
        return new WriteBatch();
    }

    /**
     * Applies all of the batch's operations atomically, in order. With {@code sync} the call returns only once the
     * data is on stable storage (LevelDB's {@code WriteOptions.sync}); without, a crash of the machine (not of the
     * process) may lose the most recent writes. The batch may be reused afterwards.
     *
     * @throws StorageException when closed or on an I/O error; then nothing of the batch was applied
     */
    void write(WriteBatch batch, boolean sync);

    /**
     * A consistent read-only view of the store as of now; it must be closed to release what it holds.
     *
     * @throws StorageException when closed
     */
    Snapshot snapshot();

    /** Closes the store, its snapshots and iterators. Idempotent. */
    @Override
    void close();
}
