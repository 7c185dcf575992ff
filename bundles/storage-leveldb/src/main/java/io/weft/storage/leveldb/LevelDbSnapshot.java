package io.weft.storage.leveldb;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.weft.api.storage.RangeIterator;
import io.weft.api.storage.Snapshot;
import io.weft.api.storage.StorageException;

import org.iq80.leveldb.ReadOptions;

/** A LevelDB snapshot; reads go through the store with the snapshot in their read options. */
final class LevelDbSnapshot implements Snapshot, Guard.Handle {

    private final LevelDbStore store;
    private final Guard guard;
    private final org.iq80.leveldb.Snapshot snapshot;
    private final AtomicBoolean released = new AtomicBoolean();

    LevelDbSnapshot(LevelDbStore store, Guard guard, org.iq80.leveldb.Snapshot snapshot) {
        this.store = store;
        this.guard = guard;
        this.snapshot = snapshot;
    }

    @Override
    public byte[] get(byte[] key) {
        return store.get(key, this::options);
    }

    @Override
    public RangeIterator range(byte[] startInclusive, byte[] endExclusive) {
        // the iterator reads at the snapshot's sequence number and may outlive the snapshot (LevelDB allows it)
        return store.range(startInclusive, endExclusive, this::options);
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            guard.free(this, true); // a snapshot is shared between threads: no read may be using it
        }
    }

    /** Read options at this snapshot; called under the store's read lock. */
    private ReadOptions options() {
        if (released.get()) {
            throw new StorageException(StorageException.SNAPSHOT_RELEASED);
        }
        return new ReadOptions().snapshot(snapshot);
    }

    @Override
    public void free() {
        released.set(true);
        try {
            snapshot.close();
        } catch (IOException e) {
            throw new StorageException("leveldb: releasing snapshot failed: " + e.getMessage(), e);
        }
    }
}
