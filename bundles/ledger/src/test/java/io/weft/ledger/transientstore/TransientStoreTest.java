package io.weft.ledger.transientstore;

import static io.weft.ledger.pvtdata.PvtWriteSets.writeSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import com.google.protobuf.ByteString;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.RangeIterator;
import io.weft.ledger.encoding.ByteWriter;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.pvtdata.PvtNsCollFilter;
import io.weft.ledger.testing.TestStores;

import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.transientstore.TxPvtReadWriteSetWithConfigInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransientStoreTest {

    private static final String CH = "mychannel";
    private static final String TX1 = "a".repeat(64);
    private static final String TX2 = "b".repeat(64);

    @TempDir
    Path tmp;

    private KeyValueStore kv;

    @AfterEach
    void close() {
        if (kv != null) {
            kv.close();
        }
    }

    private TransientStoreProvider provider(String backend) {
        kv = TestStores.open(backend, tmp.resolve("transientstore"));
        return TransientStoreProvider.open(kv);
    }

    private static TxPvtReadWriteSetWithConfigInfo results(long endorsedAt, String... nsColls) {
        Map<String, CollectionConfigPackage.Builder> configs = new TreeMap<>();
        for (String nc : nsColls) {
            String[] p = nc.split("/");
            configs.computeIfAbsent(p[0], n -> CollectionConfigPackage.newBuilder()).addConfig(CollectionConfig
                    .newBuilder().setStaticCollectionConfig(StaticCollectionConfig.newBuilder().setName(p[1])
                            .setBlockToLive(7)));
        }
        TxPvtReadWriteSetWithConfigInfo.Builder b = TxPvtReadWriteSetWithConfigInfo.newBuilder()
                .setEndorsedAt(endorsedAt).setPvtRwset(writeSet("k", nsColls));
        configs.forEach((ns, pkg) -> b.putCollectionConfigs(ns, pkg.build()));
        return b.build();
    }

    private static List<EndorserPvtSimulationResults> all(TransientStore s, String txid, PvtNsCollFilter filter) {
        List<EndorserPvtSimulationResults> out = new ArrayList<>();
        try (RwsetScanner scanner = s.getTxPvtRWSetByTxid(txid, filter)) {
            for (EndorserPvtSimulationResults r = scanner.next(); r != null; r = scanner.next()) {
                out.add(r);
            }
        }
        return out;
    }

    /** Every key of the channel's database, as hex without the database prefix. */
    private List<String> keys(String prefix) {
        DbHandle db = new DbHandle(kv, CH);
        List<String> keys = new ArrayList<>();
        db.forEach(null, null, (k, v) -> keys.add(HexFormat.of().formatHex(k)));
        String p = HexFormat.of().formatHex(prefix.getBytes(StandardCharsets.UTF_8));
        return keys.stream().filter(k -> k.startsWith(p)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void persistWritesFabricKeysAndValue(String backend) {
        TransientStore s = provider(backend).openStore(CH);
        TxPvtReadWriteSetWithConfigInfo r = results(300, "ns1/c1");
        s.persist(TX1, 300, r);

        List<String> p = keys("P");
        assertThat(p).hasSize(1);
        String tx = HexFormat.of().formatHex(TX1.getBytes(StandardCharsets.UTF_8));
        // P 00 txid 00 uuid(36 chars) 00 ovarint(300) = 02 01 2c
        assertThat(p.get(0)).startsWith("5000" + tx + "00").endsWith("00" + "02012c")
                .hasSize(2 * (2 + 64 + 1 + 36 + 4));
        String uuid = p.get(0).substring(4 + tx.length() + 2, 4 + tx.length() + 2 + 72);
        assertThat(keys("H")).containsExactly("4800" + "02012c" + "00" + tx + "00" + uuid);
        assertThat(keys("T")).containsExactly("5400" + tx + "00" + uuid + "00" + "02012c");

        byte[] value = new DbHandle(kv, CH).get(HexFormat.of().parseHex(p.get(0)));
        assertThat(value[0]).isZero();
        assertThat(ByteString.copyFrom(value, 1, value.length - 1)).isEqualTo(r.toByteString());
        assertThat(new DbHandle(kv, CH).get(HexFormat.of().parseHex(keys("H").get(0)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void retrieveAllEndorsementsOfATxid(String backend) {
        TransientStore s = provider(backend).openStore(CH);
        s.persist(TX1, 10, results(10, "ns1/c1"));
        s.persist(TX1, 12, results(12, "ns1/c1", "ns1/c2"));
        s.persist(TX2, 11, results(11, "ns2/c"));
        // a longer txid sharing TX1 as prefix falls in Fabric's key range but is not TX1's
        s.persist(TX1 + "x", 13, results(13, "ns1/c1"));

        List<EndorserPvtSimulationResults> found = all(s, TX1, null);
        assertThat(found).extracting(EndorserPvtSimulationResults::receivedAtBlockHeight)
                .containsExactlyInAnyOrder(10L, 12L);
        assertThat(found).extracting(EndorserPvtSimulationResults::pvtSimulationResultsWithConfig)
                .containsExactlyInAnyOrder(results(10, "ns1/c1"), results(12, "ns1/c1", "ns1/c2"));
        assertThat(all(s, TX2, null)).singleElement()
                .isEqualTo(new EndorserPvtSimulationResults(11, results(11, "ns2/c")));
        assertThat(all(s, "c".repeat(64), null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void filterTrimsWriteSetAndConfigs(String backend) {
        TransientStore s = provider(backend).openStore(CH);
        s.persist(TX1, 5, results(5, "ns1/c1", "ns1/c2", "ns2/c"));

        EndorserPvtSimulationResults r = all(s, TX1, new PvtNsCollFilter().add("ns1", "c2")).get(0);
        TxPvtReadWriteSetWithConfigInfo got = r.pvtSimulationResultsWithConfig();
        assertThat(got.getEndorsedAt()).isEqualTo(5);
        assertThat(got.getPvtRwset()).isEqualTo(writeSet("k", "ns1/c2"));
        assertThat(got.getCollectionConfigsMap()).containsOnlyKeys("ns1", "ns2");
        assertThat(got.getCollectionConfigsMap().get("ns1").getConfigList())
                .extracting(c -> c.getStaticCollectionConfig().getName()).containsExactly("c2");
        assertThat(got.getCollectionConfigsMap().get("ns2").getConfigList()).isEmpty();

        TxPvtReadWriteSetWithConfigInfo none = all(s, TX1, new PvtNsCollFilter().add("ns3", "x")).get(0)
                .pvtSimulationResultsWithConfig();
        assertThat(none.hasPvtRwset()).isFalse();
        assertThat(none.getCollectionConfigsMap().values()).allMatch(pkg -> pkg.getConfigCount() == 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void unknownCollectionConfigTypeFailsFilteredRead(String backend) {
        TransientStore s = provider(backend).openStore(CH);
        s.persist(TX1, 5, TxPvtReadWriteSetWithConfigInfo.newBuilder().setPvtRwset(writeSet("k", "ns1/c1"))
                .putCollectionConfigs("ns1", CollectionConfigPackage.newBuilder()
                        .addConfig(CollectionConfig.getDefaultInstance()).build()).build());
        assertThat(all(s, TX1, null)).hasSize(1);
        assertThatThrownBy(() -> all(s, TX1, new PvtNsCollFilter().add("ns1", "c1")))
                .hasMessage("unexpected collection type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void readsV11BareWriteSets(String backend) {
        TransientStore s = provider(backend).openStore(CH);
        TxPvtReadWriteSet bare = writeSet("k", "ns1/c1", "ns1/c2");
        DbHandle db = new DbHandle(kv, CH);
        db.write(db.newBatch().put(new ByteWriter(80).raw('P').raw(0).raw(TX1.getBytes(StandardCharsets.UTF_8))
                .raw(0).raw("u".getBytes(StandardCharsets.UTF_8)).raw(0).orderPreserving(3).toByteArray(),
                bare.toByteArray()), true);
        assertThat(all(s, TX1, null)).containsExactly(new EndorserPvtSimulationResults(3,
                TxPvtReadWriteSetWithConfigInfo.newBuilder().setPvtRwset(bare).build()));
        assertThat(all(s, TX1, new PvtNsCollFilter().add("ns1", "c2")).get(0).pvtSimulationResultsWithConfig())
                .isEqualTo(TxPvtReadWriteSetWithConfigInfo.newBuilder().setPvtRwset(writeSet("k", "ns1/c2")).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void purgeByTxidsRemovesDataAndBothIndexes(String backend) {
        TransientStore s = provider(backend).openStore(CH);
        s.persist(TX1, 10, results(10, "ns1/c1"));
        s.persist(TX1, 300, results(300, "ns1/c1"));
        s.persist(TX2, 20, results(20, "ns1/c1"));
        s.persist(TX1 + "x", 20, results(20, "ns1/c1"));

        s.purgeByTxids(List.of(TX1, "c".repeat(64)));
        assertThat(all(s, TX1, null)).isEmpty();
        assertThat(all(s, TX2, null)).hasSize(1);
        assertThat(all(s, TX1 + "x", null)).hasSize(1);
        assertConsistentIndexes(2);
        assertThat(s.getMinTransientBlkHt()).hasValue(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void purgeBelowHeightKeepsTheRetainedHeight(String backend) {
        TransientStore s = provider(backend).openStore(CH);
        assertThat(s.getMinTransientBlkHt()).isEqualTo(OptionalLong.empty());
        for (long h : new long[] {1, 255, 256, 257, 70_000}) {
            s.persist("tx" + h, h, results(h, "ns1/c1"));
        }
        assertThat(s.getMinTransientBlkHt()).hasValue(1);

        s.purgeBelowHeight(256);
        assertThat(s.getMinTransientBlkHt()).hasValue(256);
        assertThat(all(s, "tx255", null)).isEmpty();
        assertThat(all(s, "tx256", null)).hasSize(1);
        assertConsistentIndexes(3);

        s.purgeBelowHeight(70_000);
        assertThat(s.getMinTransientBlkHt()).hasValue(70_000);
        assertConsistentIndexes(1);

        s.purgeBelowHeight(0); // wraps to the largest height, as in Fabric: everything goes
        assertThat(s.getMinTransientBlkHt()).isEmpty();
        assertConsistentIndexes(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void channelsAreSeparateAndDropRemovesOne(String backend) {
        TransientStoreProvider provider = provider(backend);
        TransientStore a = provider.openStore("a");
        TransientStore b = provider.openStore("b");
        a.persist(TX1, 1, results(1, "ns1/c1"));
        b.persist(TX1, 2, results(2, "ns1/c1"));
        assertThat(all(a, TX1, null)).extracting(EndorserPvtSimulationResults::receivedAtBlockHeight)
                .containsExactly(1L);
        provider.drop("a");
        assertThat(new DbHandle(kv, "a").isEmpty()).isTrue();
        assertThat(all(b, TX1, null)).hasSize(1);
        assertThat(new DbHandle(kv, "").get("UNDER_DELETION".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void dropInterruptedByACrashFinishesAtOpen() {
        TransientStoreProvider provider = provider("leveldb");
        provider.openStore("a").persist(TX1, 1, results(1, "ns1/c1"));
        provider.openStore("b").persist(TX1, 1, results(1, "ns1/c1"));
        // PendingDeleteStorageList{list: ["a"]}, as Drop writes it before deleting
        DbHandle system = new DbHandle(kv, "");
        system.write(system.newBatch().put("UNDER_DELETION".getBytes(StandardCharsets.UTF_8),
                HexFormat.of().parseHex("0a0161")), true);
        kv.close();

        TransientStoreProvider reopened = provider("leveldb");
        assertThat(new DbHandle(kv, "a").isEmpty()).isTrue();
        assertThat(all(reopened.openStore("b"), TX1, null)).hasSize(1);
        assertThat(new DbHandle(kv, "").get("UNDER_DELETION".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    /** Every write set has exactly its two index entries and no index entry is left without one. */
    private void assertConsistentIndexes(int expected) {
        List<String> p = keys("P");
        List<String> h = keys("H");
        List<String> t = keys("T");
        assertThat(p).hasSize(expected);
        assertThat(h).hasSize(expected);
        assertThat(t).hasSize(expected);
        int prefix = new DbHandle(kv, CH).prefixLength();
        List<String> fromH = new ArrayList<>();
        List<String> fromT = new ArrayList<>();
        for (String k : h) {
            byte[] key = HexFormat.of().parseHex(HexFormat.of().formatHex(new byte[prefix]) + k);
            TransientKeys.Entry e = TransientKeys.decodeByHeight(key, prefix);
            fromH.add(HexFormat.of().formatHex(TransientKeys.pvtRwset(e.txid(), e.uuid(), e.height())));
        }
        for (String k : t) {
            fromT.add("50" + k.substring(2));
        }
        assertThat(fromH).containsExactlyInAnyOrderElementsOf(p);
        assertThat(fromT).containsExactlyInAnyOrderElementsOf(p);
    }
}
