package io.weft.storage.memory;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.RangeIterator;
import io.weft.api.storage.Snapshot;
import io.weft.api.storage.StorageException;
import io.weft.api.storage.WriteBatch;

/** An open handle on a memory store's data; closing it releases its snapshots and iterators, not the data. */
final class MemoryStore implements KeyValueStore {

    private final VersionedMap data;
    private final Runnable onClose;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    MemoryStore(VersionedMap data, Runnable onClose) {
        this.data = data;
        this.onClose = onClose;
    }

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        byte[] v = data.get(key);
        return v == null ? null : v.clone();
    }

    @Override
    public void write(WriteBatch batch, boolean sync) {
        Objects.requireNonNull(batch, "batch");
        checkOpen();
        data.apply(batch); // sync has no meaning in memory
    }

    @Override
    public RangeIterator range(byte[] startInclusive, byte[] endExclusive) {
        checkOpen();
        long seq = data.pin();
        return track(new MemoryIterator(this, data, seq, startInclusive, endExclusive, () -> data.unpin(seq)));
    }

    @Override
    public Snapshot snapshot() {
        checkOpen();
        return track(new MemorySnapshot(this, data, data.pin()));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable c : open) {
            release(c);
        }
        onClose.run();
    }

    void checkOpen() {
        if (closed) {
            throw new StorageException(StorageException.CLOSED);
        }
    }

    void untrack(AutoCloseable c) {
        open.remove(c);
    }

    private <T extends AutoCloseable> T track(T c) {
        open.add(c);
        if (closed) { // closed meanwhile: do not leave a pin behind
            release(c);
            throw new StorageException(StorageException.CLOSED);
        }
        return c;
    }

    private static void release(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException(e); // our own snapshots and iterators do not throw
        }
    }
}
