package io.weft.ledger.kv;

import java.util.Arrays;
import java.util.function.BiConsumer;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.RangeIterator;
import io.weft.api.storage.WriteBatch;

/**
 * One logical database inside a store shared by all channels, as Fabric's {@code leveldbhelper}
 * keeps them: every key is stored as {@code <dbName> 0x00 <key>}.
 */
public final class DbHandle {

    private static final int DELETE_BATCH_BYTES = 1 << 20;

    private final KeyValueStore store;
    private final byte[] prefix;

    public DbHandle(KeyValueStore store, String dbName) {
        this.store = store;
        byte[] name = dbName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.prefix = Arrays.copyOf(name, name.length + 1);
    }

    public byte[] get(byte[] key) {
        return store.get(full(key));
    }

    /** A batch whose keys are placed in this database. */
    public Batch newBatch() {
        return new Batch();
    }

    public void write(Batch batch, boolean sync) {
        store.write(batch.batch, sync);
    }

    /** Visits the entries with {@code start <= key < end} in order; a null bound is this database's edge. */
    public void forEach(byte[] start, byte[] end, BiConsumer<byte[], byte[]> visitor) {
        try (RangeIterator it = range(start, end)) {
            while (it.next()) {
                visitor.accept(Arrays.copyOfRange(it.key(), prefix.length, it.key().length), it.value());
            }
        }
    }

    /** A raw iterator over this database's range; its keys still carry the database prefix. */
    public RangeIterator range(byte[] start, byte[] end) {
        byte[] from = start == null ? prefix : full(start);
        byte[] to = end == null ? prefixEnd() : full(end);
        return store.range(from, to);
    }

    /** Bytes of the database prefix, which {@link #range} keys start with. */
    public int prefixLength() {
        return prefix.length;
    }

    /** Whether the database holds no entries. */
    public boolean isEmpty() {
        try (RangeIterator it = range(null, null)) {
            return !it.next();
        }
    }

    /**
     * Deletes every entry of this database (dropping a channel's data) in synced batches of about
     * a megabyte of keys, so memory stays bounded; a crash midway leaves a part to delete again.
     */
    public void deleteAll() {
        WriteBatch batch = store.newBatch();
        int bytes = 0;
        try (RangeIterator it = range(null, null)) {
            while (it.next()) {
                byte[] key = it.key();
                batch.delete(key);
                bytes += key.length;
                if (bytes >= DELETE_BATCH_BYTES) {
                    store.write(batch, true);
                    batch.clear();
                    bytes = 0;
                }
            }
        }
        if (!batch.isEmpty()) {
            store.write(batch, true);
        }
    }

    private byte[] full(byte[] key) {
        byte[] k = Arrays.copyOf(prefix, prefix.length + key.length);
        System.arraycopy(key, 0, k, prefix.length, key.length);
        return k;
    }

    private byte[] prefixEnd() {
        byte[] end = prefix.clone();
        end[end.length - 1] = 1; // <name> 0x01: just after every <name> 0x00 key
        return end;
    }

    /** Puts and deletes in this database, applied atomically by {@link DbHandle#write}. */
    public final class Batch {

        private final WriteBatch batch = store.newBatch();

        public Batch put(byte[] key, byte[] value) {
            batch.put(full(key), value);
            return this;
        }

        public Batch delete(byte[] key) {
            batch.delete(full(key));
            return this;
        }

        public boolean isEmpty() {
            return batch.isEmpty();
        }
    }
}
