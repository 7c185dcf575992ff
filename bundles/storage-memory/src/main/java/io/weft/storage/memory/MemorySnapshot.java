package io.weft.storage.memory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.weft.api.storage.RangeIterator;
import io.weft.api.storage.Snapshot;
import io.weft.api.storage.StorageException;

/** The memory store as of one sequence number, which stays pinned until close. */
final class MemorySnapshot implements Snapshot {

    private final MemoryStore store;
    private final VersionedMap data;
    private final long seq;
    private final AtomicBoolean released = new AtomicBoolean();

    MemorySnapshot(MemoryStore store, VersionedMap data, long seq) {
        this.store = store;
        this.data = data;
        this.seq = seq;
    }

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkUsable();
        byte[] v = data.get(key, seq);
        return v == null ? null : v.clone();
    }

    @Override
    public RangeIterator range(byte[] startInclusive, byte[] endExclusive) {
        checkUsable();
        // the snapshot's pin covers the iterator, so closing the iterator releases nothing
        return new MemoryIterator(store, data, seq, startInclusive, endExclusive, () -> { });
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            data.unpin(seq);
            store.untrack(this);
        }
    }

    private void checkUsable() {
        store.checkOpen();
        if (released.get()) {
            throw new StorageException(StorageException.SNAPSHOT_RELEASED);
        }
    }
}
