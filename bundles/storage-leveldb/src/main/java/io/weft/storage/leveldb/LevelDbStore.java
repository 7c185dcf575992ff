package io.weft.storage.leveldb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.RangeIterator;
import io.weft.api.storage.Snapshot;
import io.weft.api.storage.StorageException;
import io.weft.api.storage.WriteBatch;

import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.WriteOptions;

/** A LevelDB database. LevelDB gives the atomic batches, and the implicit snapshot of every iterator. */
final class LevelDbStore implements KeyValueStore {

    private static final WriteOptions SYNC = new WriteOptions().sync(true);
    private static final WriteOptions NO_SYNC = new WriteOptions().sync(false);
    /** Chunk size of the native memory pool of a write (grows by chunks for bigger batches). */
    private static final int POOL_BYTES = 256 * 1024;

    private final DB db;
    private final Path dir;
    private final Runnable onClose;
    private final Guard guard = new Guard();

    LevelDbStore(DB db, Path dir, Runnable onClose) {
        this.db = db;
        this.dir = dir;
        this.onClose = onClose;
    }

    @Override
    public byte[] get(byte[] key) {
        return get(key, ReadOptions::new);
    }

    /** A read with options made under the lock (a snapshot checks there that it is still held). */
    byte[] get(byte[] key, Supplier<ReadOptions> options) {
        Objects.requireNonNull(key, "key");
        return guard.read(() -> {
            try {
                return db.get(key, options.get());
            } catch (DBException e) {
                throw failure("get", e);
            }
        });
    }

    @Override
    public void write(WriteBatch batch, boolean sync) {
        Objects.requireNonNull(batch, "batch");
        guard.read(() -> {
            // native copies of the keys and values come from one pooled allocation, not a malloc each
            JniDBFactory.pushMemoryPool(POOL_BYTES);
            try (org.iq80.leveldb.WriteBatch nativeBatch = db.createWriteBatch()) {
                batch.forEach(new WriteBatch.Visitor() {
                    @Override
                    public void put(byte[] key, byte[] value) {
                        nativeBatch.put(key, value);
                    }

                    @Override
                    public void delete(byte[] key) {
                        nativeBatch.delete(key);
                    }
                });
                db.write(nativeBatch, sync ? SYNC : NO_SYNC);
                return null;
            } catch (DBException | IOException e) {
                throw failure("write", e);
            } finally {
                JniDBFactory.popMemoryPool();
            }
        });
    }

    @Override
    public RangeIterator range(byte[] startInclusive, byte[] endExclusive) {
        return range(startInclusive, endExclusive, ReadOptions::new);
    }

    RangeIterator range(byte[] start, byte[] end, Supplier<ReadOptions> options) {
        return guard.read(() -> guard.track(new LevelDbIterator(guard, db.iterator(options.get()), start, end)));
    }

    @Override
    public Snapshot snapshot() {
        return guard.read(() -> guard.track(new LevelDbSnapshot(this, guard, db.getSnapshot())));
    }

    @Override
    public void close() {
        guard.close(() -> {
            try {
                db.close();
            } catch (IOException e) {
                throw failure("close", e);
            } finally {
                onClose.run();
            }
        });
    }

    private StorageException failure(String op, Exception e) {
        return new StorageException("leveldb " + op + " in " + dir + " failed: " + e.getMessage(), e);
    }
}
