package io.weft.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/** Reads of a store, either its latest state ({@link KeyValueStore}) or a fixed one ({@link Snapshot}). */
@ConsumerType
public interface KeyReader {

    /**
     * The value of {@code key}, or {@code null} when there is none. The array is the caller's.
     *
     * @throws StorageException when closed or on an I/O error
     */
    byte[] get(byte[] key);

    /**
     * The entries with {@code startInclusive <= key < endExclusive} in ascending order, as of this call: writes made
     * while iterating are not seen. A {@code null} bound is open. The iterator must be closed.
     *
     * @throws StorageException when closed
     */
    RangeIterator range(byte[] startInclusive, byte[] endExclusive);
}
