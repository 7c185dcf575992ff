package io.weft.api.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link StorageProvider} must have. A backend's test extends this and supplies its provider;
 * published in the api test-jar so each backend runs the same checks.
 */
public abstract class KeyValueStoreContract {

    @TempDir
    protected Path tmp;

    protected StorageProvider provider;
    protected Path dir;
    protected KeyValueStore store;

    /** A fresh provider of the backend under test. */
    protected abstract StorageProvider createProvider();

    @BeforeEach
    void openStore() {
        provider = createProvider();
        dir = tmp.resolve("db");
        store = provider.open(dir, StoreOptions.defaults());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void getPutDeleteThroughBatches() {
        assertThat(store.get(b("k"))).isNull();
        store.write(store.newBatch().put(b("k"), b("v1")), false);
        assertThat(store.get(b("k"))).isEqualTo(b("v1"));
        store.write(store.newBatch().put(b("k"), b("v2")), true);
        assertThat(store.get(b("k"))).isEqualTo(b("v2"));
        store.write(store.newBatch().delete(b("k")).delete(b("never-there")), false);
        assertThat(store.get(b("k"))).isNull();
    }

    @Test
    void emptyValueIsAValue() {
        store.write(store.newBatch().put(b("k"), new byte[0]), false);
        assertThat(store.get(b("k"))).isEqualTo(new byte[0]);
        assertThat(entries(store.range(null, null))).containsExactly("k=");
    }

    @Test
    void batchOperationsApplyInOrder() {
        store.write(store.newBatch().put(b("a"), b("1")).delete(b("a")).delete(b("b")).put(b("b"), b("2"))
                .put(b("c"), b("3")).put(b("c"), b("4")), false);
        assertThat(store.get(b("a"))).isNull();
        assertThat(store.get(b("b"))).isEqualTo(b("2"));
        assertThat(store.get(b("c"))).isEqualTo(b("4"));
    }

    @Test
    void batchCopiesAndStoreReturnsCopies() {
        byte[] key = b("k");
        byte[] value = b("v");
        WriteBatch batch = store.newBatch().put(key, value);
        key[0] = 'x';
        value[0] = 'x';
        store.write(batch, false);
        store.get(b("k"))[0] = 'z';
        assertThat(store.get(b("k"))).isEqualTo(b("v"));
        assertThat(store.get(b("x"))).isNull();
        try (RangeIterator it = store.range(null, null)) {
            assertThat(it.next()).isTrue();
            it.key()[0] = 'z';
            it.value()[0] = 'z';
            assertThat(it.key()).isEqualTo(b("k"));
            assertThat(it.value()).isEqualTo(b("v"));
        }
    }

    @Test
    void keysOrderAsUnsignedBytes() {
        byte[][] keys = {{}, {0x00}, {0x00, 0x00}, {0x01}, {0x7f}, {(byte) 0x80}, {(byte) 0x80, 0x00}, {(byte) 0xfe},
                {(byte) 0xff}, {(byte) 0xff, (byte) 0xff}};
        WriteBatch batch = store.newBatch();
        for (int i = keys.length - 1; i >= 0; i--) {
            batch.put(keys[i], new byte[] {(byte) i});
        }
        store.write(batch, false);
        List<byte[]> seen = new ArrayList<>();
        try (RangeIterator it = store.range(null, null)) {
            while (it.next()) {
                seen.add(it.key());
                assertThat(it.value()).containsExactly((byte) (seen.size() - 1));
            }
        }
        assertThat(seen).containsExactly(keys);
    }

    @Test
    void manyRandomKeysIterateInComparatorOrder() {
        Random random = new Random(42);
        Map<byte[], byte[]> expected = new TreeMap<>(Arrays::compareUnsigned);
        WriteBatch batch = store.newBatch();
        for (int i = 0; i < 2000; i++) {
            byte[] key = new byte[1 + random.nextInt(6)];
            random.nextBytes(key);
            byte[] value = new byte[random.nextInt(20)];
            random.nextBytes(value);
            expected.put(key, value);
            batch.put(key, value);
        }
        store.write(batch, false);
        List<byte[]> keys = new ArrayList<>();
        try (RangeIterator it = store.range(null, null)) {
            while (it.next()) {
                keys.add(it.key());
                assertThat(it.value()).isEqualTo(expected.get(it.key()));
            }
        }
        assertThat(keys).containsExactlyElementsOf(expected.keySet());
    }

    @Test
    void rangeBoundsAreStartInclusiveEndExclusive() {
        WriteBatch batch = store.newBatch();
        for (String k : List.of("a", "b", "b\0", "c", "d")) {
            batch.put(b(k), b(k.toUpperCase()));
        }
        store.write(batch, false);
        assertThat(entries(store.range(b("b"), b("d")))).containsExactly("b=B", "b\0=B\0", "c=C");
        assertThat(entries(store.range(b("bb"), null))).containsExactly("c=C", "d=D");
        assertThat(entries(store.range(null, b("b")))).containsExactly("a=A");
        assertThat(entries(store.range(b("c"), b("c")))).isEmpty();
        assertThat(entries(store.range(b("d"), b("a")))).isEmpty();
        assertThat(entries(store.range(b("e"), null))).isEmpty();
    }

    @Test
    void iteratorAccessorsNeedAPosition() {
        store.write(store.newBatch().put(b("a"), b("1")), false);
        try (RangeIterator it = store.range(null, null)) {
            assertThatThrownBy(it::key).isInstanceOf(IllegalStateException.class);
            assertThat(it.next()).isTrue();
            assertThat(it.next()).isFalse();
            assertThatThrownBy(it::value).isInstanceOf(IllegalStateException.class);
            assertThat(it.next()).isFalse();
        }
    }

    @Test
    void snapshotDoesNotSeeLaterWrites() {
        store.write(store.newBatch().put(b("a"), b("1")).put(b("b"), b("1")), false);
        try (Snapshot snap = store.snapshot()) {
            store.write(store.newBatch().put(b("a"), b("2")).delete(b("b")).put(b("c"), b("2")), false);
            store.write(store.newBatch().put(b("a"), b("3")), false);
            assertThat(snap.get(b("a"))).isEqualTo(b("1"));
            assertThat(snap.get(b("b"))).isEqualTo(b("1"));
            assertThat(snap.get(b("c"))).isNull();
            assertThat(entries(snap.range(null, null))).containsExactly("a=1", "b=1");
            assertThat(entries(store.range(null, null))).containsExactly("a=3", "c=2");
        }
        assertThat(store.get(b("a"))).isEqualTo(b("3"));
    }

    @Test
    void iteratorDoesNotSeeWritesMadeWhileIterating() {
        store.write(store.newBatch().put(b("a"), b("1")).put(b("c"), b("1")), false);
        try (RangeIterator it = store.range(null, null)) {
            assertThat(it.next()).isTrue();
            store.write(store.newBatch().put(b("b"), b("2")).put(b("c"), b("2")).put(b("d"), b("2")), false);
            assertThat(it.next()).isTrue();
            assertThat(new String(it.key(), UTF_8) + "=" + new String(it.value(), UTF_8)).isEqualTo("c=1");
            assertThat(it.next()).isFalse();
        }
    }

    /** A reader holding a snapshot sees either all of a batch or none of it, never a mix. */
    @Test
    void batchesAreAtomicToConcurrentReaders() throws Exception {
        store.write(store.newBatch().put(b("x"), b("0")).put(b("y"), b("0")), false);
        AtomicReference<String> mismatch = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int i = 1; i <= 2000; i++) {
                store.write(store.newBatch().put(b("x"), b(Integer.toString(i))).put(b("y"), b(Integer.toString(i))),
                        false);
            }
        });
        writer.start();
        int last = 0;
        while (writer.isAlive()) {
            try (Snapshot snap = store.snapshot()) {
                String x = new String(snap.get(b("x")), UTF_8);
                String y = new String(snap.get(b("y")), UTF_8);
                List<String> listed = entries(snap.range(null, null));
                if (!x.equals(y) || !listed.equals(List.of("x=" + x, "y=" + x))) {
                    mismatch.compareAndSet(null, "x=" + x + " y=" + y + " range=" + listed);
                }
                int seen = Integer.parseInt(x);
                assertThat(seen).isGreaterThanOrEqualTo(last);
                last = seen;
            }
        }
        writer.join();
        assertThat(mismatch.get()).isNull();
        assertThat(store.get(b("x"))).isEqualTo(b("2000"));
    }

    @Test
    void reopenSeesWhatWasWritten() {
        store.write(store.newBatch().put(b("a"), b("1")).put(b("b"), b("2")), true);
        store.write(store.newBatch().delete(b("a")), false);
        store.close();
        store = provider.open(dir, new StoreOptions(false));
        assertThat(store.get(b("a"))).isNull();
        assertThat(store.get(b("b"))).isEqualTo(b("2"));
    }

    @Test
    void missingStoreIsNotCreatedWhenAskedNotTo() {
        assertThatThrownBy(() -> provider.open(tmp.resolve("missing"), new StoreOptions(false)))
                .isInstanceOf(StorageException.class);
    }

    @Test
    void aStoreOpensOnlyOnceAtATime() {
        assertThatThrownBy(() -> provider.open(dir, StoreOptions.defaults())).isInstanceOf(StorageException.class);
    }

    @Test
    void useAfterCloseFailsClearly() {
        store.write(store.newBatch().put(b("a"), b("1")), false);
        Snapshot snap = store.snapshot();
        RangeIterator it = store.range(null, null);
        store.close();
        store.close();
        assertThatThrownBy(() -> store.get(b("a"))).isInstanceOf(StorageException.class)
                .hasMessage(StorageException.CLOSED);
        assertThatThrownBy(() -> store.write(new WriteBatch().put(b("b"), b("2")), false))
                .isInstanceOf(StorageException.class).hasMessage(StorageException.CLOSED);
        assertThatThrownBy(() -> store.range(null, null)).hasMessage(StorageException.CLOSED);
        assertThatThrownBy(store::snapshot).hasMessage(StorageException.CLOSED);
        assertThatThrownBy(() -> snap.get(b("a"))).isInstanceOf(StorageException.class);
        assertThatThrownBy(it::next).isInstanceOf(StorageException.class);
        snap.close();
        it.close();
        store = provider.open(dir, StoreOptions.defaults());
        assertThat(store.get(b("a"))).isEqualTo(b("1"));
        assertThat(store.get(b("b"))).isNull();
    }

    /** Closing under a busy reader fails that reader's calls cleanly (with a native backend: no crash). */
    @Test
    void closeWhileReadingOnlyFailsTheReader() throws Exception {
        WriteBatch batch = store.newBatch();
        for (int i = 0; i < 100; i++) {
            batch.put(b("k" + i), b("v" + i));
        }
        store.write(batch, false);
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(50);
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    try (Snapshot snap = store.snapshot(); RangeIterator it = snap.range(null, null)) {
                        while (it.next()) {
                            snap.get(it.key());
                            store.get(it.key());
                        }
                    }
                    busy.countDown();
                }
            } catch (StorageException e) {
                if (!StorageException.CLOSED.equals(e.getMessage())) {
                    unexpected.set(e);
                }
            } catch (Throwable t) {
                unexpected.set(t);
            }
        });
        reader.start();
        busy.await();
        store.close();
        reader.join();
        assertThat(unexpected.get()).isNull();
    }

    @Test
    void releasedSnapshotsAndIteratorsFailClearly() {
        Snapshot snap = store.snapshot();
        snap.close();
        snap.close();
        assertThatThrownBy(() -> snap.get(b("a"))).hasMessage(StorageException.SNAPSHOT_RELEASED);
        assertThatThrownBy(() -> snap.range(null, null)).hasMessage(StorageException.SNAPSHOT_RELEASED);
        RangeIterator it = store.range(null, null);
        it.close();
        it.close();
        assertThatThrownBy(it::next).isInstanceOf(StorageException.class)
                .hasMessage(StorageException.ITERATOR_RELEASED);
    }

    protected static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    /** Drains and closes the iterator into "key=value" strings. */
    protected static List<String> entries(RangeIterator it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.next()) {
                out.add(new String(it.key(), UTF_8) + "=" + new String(it.value(), UTF_8));
            }
        }
        return out;
    }
}
