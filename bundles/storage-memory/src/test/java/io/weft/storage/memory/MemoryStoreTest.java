package io.weft.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.weft.api.storage.KeyValueStoreContract;
import io.weft.api.storage.RangeIterator;
import io.weft.api.storage.Snapshot;
import io.weft.api.storage.WriteBatch;
import io.weft.api.storage.StorageProvider;

import org.junit.jupiter.api.Test;

class MemoryStoreTest extends KeyValueStoreContract {

    @Override
    protected StorageProvider createProvider() {
        return new MemoryStorageComponent();
    }

    @Test
    void registersUnderItsName() {
        assertThat(provider.name()).isEqualTo("memory");
    }

    @Test
    void oldVersionsArePrunedOnceNoSnapshotNeedsThem() {
        VersionedMap data = new VersionedMap();
        MemoryStore s = new MemoryStore(data, () -> { });
        for (int i = 0; i < 100; i++) {
            s.write(s.newBatch().put(b("k"), b("v" + i)).put(b("gone" + i), b("x")).delete(b("gone" + i)), false);
        }
        assertThat(data.versionCount()).isEqualTo(1);
        Snapshot snap = s.snapshot();
        for (int i = 0; i < 10; i++) {
            s.write(s.newBatch().put(b("k"), b("w" + i)).delete(b("k2")).put(b("k2"), b("y")), false);
        }
        // the snapshot's value of k, and the newest k and k2
        assertThat(data.versionCount()).isEqualTo(3);
        assertThat(snap.get(b("k"))).isEqualTo(b("v99"));
        snap.close();
        s.write(s.newBatch().delete(b("k2")), false);
        assertThat(data.versionCount()).isEqualTo(1);
        assertThat(s.get(b("k"))).isEqualTo(b("w9"));
        s.close();
    }

    /** Random batches, snapshots taken and released at random, each compared with a copy made when it was taken. */
    @Test
    void snapshotsMatchAModelUnderRandomWorkloads() {
        VersionedMap data = new VersionedMap();
        MemoryStore s = new MemoryStore(data, () -> { });
        Random random = new Random(7);
        TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        List<Snapshot> snaps = new ArrayList<>();
        List<TreeMap<byte[], byte[]>> copies = new ArrayList<>();
        for (int step = 0; step < 3000; step++) {
            WriteBatch batch = s.newBatch();
            for (int n = random.nextInt(4); n >= 0; n--) {
                byte[] key = {(byte) random.nextInt(12)};
                if (random.nextInt(3) == 0) {
                    batch.delete(key);
                    model.remove(key);
                } else {
                    byte[] value = {(byte) step, (byte) (step >> 8)};
                    batch.put(key, value);
                    model.put(key, value);
                }
            }
            s.write(batch, false);
            int dice = random.nextInt(10);
            if (dice == 0 && snaps.size() < 6) {
                snaps.add(s.snapshot());
                copies.add(new TreeMap<>(model));
            } else if (dice == 1 && !snaps.isEmpty()) {
                int i = random.nextInt(snaps.size());
                snaps.remove(i).close();
                copies.remove(i);
            }
            assertThat(contents(s.range(null, null))).isEqualTo(render(model));
            for (int i = 0; i < snaps.size(); i++) {
                assertThat(contents(snaps.get(i).range(null, null))).isEqualTo(render(copies.get(i)));
                byte[] key = {(byte) random.nextInt(12)};
                assertThat(snaps.get(i).get(key)).isEqualTo(copies.get(i).get(key));
            }
        }
        snaps.forEach(Snapshot::close);
        s.write(s.newBatch(), false);
        assertThat(data.versionCount()).isEqualTo(model.size());
        s.close();
    }

    private static List<String> contents(RangeIterator it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.next()) {
                out.add(Arrays.toString(it.key()) + "=" + Arrays.toString(it.value()));
            }
        }
        return out;
    }

    private static List<String> render(Map<byte[], byte[]> m) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(Arrays.toString(k) + "=" + Arrays.toString(v)));
        return out;
    }
}
