package io.weft.storage.leveldb;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.weft.api.storage.RangeIterator;
import io.weft.api.storage.StorageException;

import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;

/** A LevelDB iterator cut to {@code [start, end)}; LevelDB orders keys bytewise unsigned, as the SPI does. */
final class LevelDbIterator implements RangeIterator, Guard.Handle {

    private final Guard guard;
    private final DBIterator iterator;
    private final byte[] end;
    private final AtomicBoolean released = new AtomicBoolean();
    private boolean exhausted;
    private byte[] key;
    private byte[] value;

    /** Seeks at once, so the iterator's position is set before the caller's first {@link #next()}. */
    LevelDbIterator(Guard guard, DBIterator iterator, byte[] start, byte[] end) {
        this.guard = guard;
        this.iterator = iterator;
        this.end = end == null ? null : end.clone();
        if (start == null) {
            iterator.seekToFirst();
        } else {
            iterator.seek(start);
        }
    }

    @Override
    public boolean next() {
        return guard.read(() -> {
            if (released.get()) {
                throw new StorageException(StorageException.ITERATOR_RELEASED);
            }
            key = null;
            value = null;
            if (exhausted) {
                return false;
            }
            Map.Entry<byte[], byte[]> e = advance();
            if (e == null || end != null && Arrays.compareUnsigned(e.getKey(), end) >= 0) {
                exhausted = true;
                return false;
            }
            key = e.getKey();
            value = e.getValue();
            return true;
        });
    }

    private Map.Entry<byte[], byte[]> advance() {
        try {
            return iterator.hasNext() ? iterator.next() : null;
        } catch (DBException e) {
            throw new StorageException("leveldb: iterating failed: " + e.getMessage(), e);
        }
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
            guard.free(this, false); // iterators are confined to one thread
        }
    }

    @Override
    public void free() {
        released.set(true);
        try {
            iterator.close();
        } catch (Exception e) {
            throw new StorageException("leveldb: releasing iterator failed: " + e.getMessage(), e);
        }
    }

    private static byte[] current(byte[] b) {
        if (b == null) {
            throw new IllegalStateException("the iterator is not positioned on an entry");
        }
        return b;
    }
}
