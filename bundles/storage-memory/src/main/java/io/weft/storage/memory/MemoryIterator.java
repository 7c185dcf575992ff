package io.weft.storage.memory;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.weft.api.storage.RangeIterator;
import io.weft.api.storage.StorageException;

/** Walks the live skip list and shows each key as of the iterator's sequence number. */
final class MemoryIterator implements RangeIterator {

    private final MemoryStore store;
    private final long seq;
    private final Iterator<Map.Entry<byte[], Version>> entries;
    private final Runnable onClose;
    private final AtomicBoolean released = new AtomicBoolean();
    private byte[] key;
    private byte[] value;

    MemoryIterator(MemoryStore store, VersionedMap data, long seq, byte[] start, byte[] end, Runnable onClose) {
        this.store = store;
        this.seq = seq;
        this.entries = data.entries(start, end);
        this.onClose = onClose;
    }

    @Override
    public boolean next() {
        store.checkOpen();
        if (released.get()) {
            throw new StorageException(StorageException.ITERATOR_RELEASED);
        }
        while (entries.hasNext()) {
            Map.Entry<byte[], Version> e = entries.next();
            byte[] v = e.getValue().valueAt(seq);
            if (v != null) {
                key = e.getKey();
                value = v;
                return true;
            }
        }
        key = null;
        value = null;
        return false;
    }

    @Override
    public byte[] key() {
        return current(key).clone();
    }

    @Override
    public byte[] value() {
        return current(value).clone();
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            key = null;
            value = null;
            onClose.run();
            store.untrack(this);
        }
    }

    private static byte[] current(byte[] b) {
        if (b == null) {
            throw new IllegalStateException("the iterator is not positioned on an entry");
        }
        return b;
    }
}
