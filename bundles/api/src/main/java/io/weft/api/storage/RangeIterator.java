package io.weft.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A cursor over a key range, in ascending key order (Fabric's iterator style): call {@link #next()} and, while it
 * returns {@code true}, read {@link #key()} and {@link #value()}. Not thread-safe; must be closed.
 */
@ConsumerType
public interface RangeIterator extends AutoCloseable {

    /**
     * Moves to the next entry.
     *
     * @return whether there is one; {@code false} once the range is exhausted
     * @throws StorageException when the iterator or its store is closed
     */
    boolean next();

    /**
     * The current entry's key; the array is the caller's.
     *
     * @throws IllegalStateException before the first {@link #next()} or after it returned {@code false}
     */
    byte[] key();

    /**
     * The current entry's value; the array is the caller's.
     *
     * @throws IllegalStateException before the first {@link #next()} or after it returned {@code false}
     */
    byte[] value();

    /** Releases the iterator. Idempotent. */
    @Override
    void close();
}
