package io.weft.ledger.pvtdata;

import static io.weft.ledger.pvtdata.PvtWriteSets.writeSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.RangeIterator;
import io.weft.ledger.LedgerException;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.testing.TestStores;
import io.weft.protoutil.Hashing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PvtDataStoreTest {

    private static final String CH = "mychannel";

    /** coll1 lives 2 blocks, coll2 forever, ns2/coll lives 1 block; unknown collections fail. */
    private static final BtlPolicy BTL = (ns, coll) -> switch (ns + "/" + coll) {
        case "ns1/coll1" -> 2;
        case "ns1/coll2" -> 0;
        case "ns2/coll" -> 1;
        case "ns2/other" -> 0;
        default -> throw new LedgerException("collection [" + ns + "/" + coll + "] not found");
    };

    @TempDir
    Path tmp;

    private final List<KeyValueStore> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(KeyValueStore::close);
    }

    private KeyValueStore kv(String backend) {
        KeyValueStore kv = TestStores.open(backend, tmp.resolve("pvtdataStore"));
        opened.add(kv);
        return kv;
    }

    private static PvtDataStore store(KeyValueStore kv, int purgeInterval) {
        return PvtDataStoreProvider.open(kv, "pvtdataStore", PvtDataConfig.DEFAULT.withPurgeInterval(purgeInterval))
                .openStore(CH, BTL);
    }

    private static void commitEmpty(PvtDataStore s, long block) {
        s.commit(block, List.of(), Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void emptyStoreAndBlockOrder(String backend) {
        PvtDataStore s = store(kv(backend), 100);
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.lastCommittedBlockHeight()).isZero();
        assertThatThrownBy(() -> s.getPvtDataByBlockNum(0, null)).hasMessage("the store is empty");
        assertThatThrownBy(() -> commitEmpty(s, 1))
                .hasMessage("expected block number=0, received block number=1");
        commitEmpty(s, 0);
        assertThat(s.isEmpty()).isFalse();
        assertThat(s.lastCommittedBlockHeight()).isEqualTo(1);
        assertThat(s.getPvtDataByBlockNum(0, null)).isEmpty();
        assertThatThrownBy(() -> s.getPvtDataByBlockNum(1, null))
                .hasMessage("last committed block number [0] smaller than the requested block number [1]");
        assertThatThrownBy(() -> commitEmpty(s, 0))
                .hasMessage("expected block number=1, received block number=0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void commitAndRetrieveWithFilter(String backend) {
        KeyValueStore kv = kv(backend);
        PvtDataStore s = store(kv, 100);
        commitEmpty(s, 0);
        s.commit(1, List.of(
                new TxPvtData(2, writeSet("k", "ns1/coll1", "ns1/coll2", "ns2/coll")),
                new TxPvtData(5, writeSet("j", "ns1/coll2"))), Map.of());

        List<TxPvtData> all = s.getPvtDataByBlockNum(1, null);
        assertThat(all).containsExactly(
                new TxPvtData(2, writeSet("k", "ns1/coll1", "ns1/coll2", "ns2/coll")),
                new TxPvtData(5, writeSet("j", "ns1/coll2")));

        PvtNsCollFilter filter = new PvtNsCollFilter().add("ns1", "coll2");
        assertThat(s.getPvtDataByBlockNum(1, filter)).containsExactly(
                new TxPvtData(2, writeSet("k", "ns1/coll2")),
                new TxPvtData(5, writeSet("j", "ns1/coll2")));
        assertThat(s.getPvtDataByBlockNum(1, new PvtNsCollFilter().add("ns2", "coll")))
                .containsExactly(new TxPvtData(2, writeSet("k", "ns2/coll")));
        assertThat(s.getPvtDataByBlockNum(1, new PvtNsCollFilter())).isEmpty();

        // stored as Fabric stores it: the collection write set under its data key, and the hashed index
        DbHandle db = new DbHandle(kv, CH);
        assertThat(db.get(PvtDataKeys.data("ns1", "coll2", 1, 5)))
                .isEqualTo(PvtWriteSets.collection("coll2", "j", "ns1/coll2/j").toByteArray());
        byte[] keyHash = Hashing.sha256(ByteString.copyFromUtf8("j"));
        assertThat(db.get(PvtDataKeys.hashedIndex("ns1", "coll2", keyHash, 1, 5)))
                .isEqualTo("j".getBytes(StandardCharsets.UTF_8));
        assertThat(s.fetchPrivateDataRawKey("ns1", "coll2", keyHash)).contains(ByteString.copyFromUtf8("j"));
        assertThat(s.fetchPrivateDataRawKey("ns1", "coll1", keyHash)).isEmpty();
        assertThat(db.get(PvtDataKeys.LAST_COMMITTED_BLOCK)).containsExactly(1);
    }

    @Test
    void reopenKeepsStateAndFormat() {
        KeyValueStore kv = kv("leveldb");
        PvtDataStore s = store(kv, 100);
        commitEmpty(s, 0);
        s.commit(1, List.of(new TxPvtData(0, writeSet("k", "ns1/coll2"))), Map.of());
        kv.close();
        opened.clear();

        KeyValueStore again = kv("leveldb");
        assertThat(new DbHandle(again, "_").get(new byte[] {'f'})).isEqualTo("2.5".getBytes(StandardCharsets.UTF_8));
        PvtDataStore reopened = store(again, 100);
        assertThat(reopened.lastCommittedBlockHeight()).isEqualTo(2);
        assertThat(reopened.getPvtDataByBlockNum(1, null))
                .containsExactly(new TxPvtData(0, writeSet("k", "ns1/coll2")));
        reopened.commit(2, List.of(), Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void wrongFormatIsRefused(String backend) {
        KeyValueStore kv = kv(backend);
        DbHandle internal = new DbHandle(kv, "_");
        internal.write(internal.newBatch().put(new byte[] {'f'}, "2.0".getBytes(StandardCharsets.UTF_8)), true);
        assertThatThrownBy(() -> PvtDataStoreProvider.open(kv, "/var/pvt", PvtDataConfig.DEFAULT)).hasMessage(
                "unexpected format. db info = [leveldb at [/var/pvt]], data format = [2.0], expected format = [2.5]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void expiryByBtlPurgedAtEachBlock(String backend) {
        KeyValueStore kv = kv(backend);
        DbHandle db = new DbHandle(kv, CH);
        PvtDataStore s = store(kv, 1);
        commitEmpty(s, 0);
        s.commit(1, List.of(new TxPvtData(0, writeSet("k", "ns1/coll1", "ns1/coll2", "ns2/coll"))), Map.of());
        // coll1 (btl 2) expires at block 4, ns2/coll (btl 1) at block 3: one expiry entry per expiring block
        assertThat(db.get(PvtDataKeys.expiry(4, 1))).isNotNull();
        assertThat(db.get(PvtDataKeys.expiry(3, 1))).isNotNull();
        commitEmpty(s, 2);
        assertThat(s.getPvtDataByBlockNum(1, null))
                .containsExactly(new TxPvtData(0, writeSet("k", "ns1/coll1", "ns1/coll2", "ns2/coll")));
        commitEmpty(s, 3);
        assertThat(s.getPvtDataByBlockNum(1, null))
                .containsExactly(new TxPvtData(0, writeSet("k", "ns1/coll1", "ns1/coll2")));
        assertThat(db.get(PvtDataKeys.data("ns2", "coll", 1, 0))).isNull();
        assertThat(db.get(PvtDataKeys.expiry(3, 1))).isNull();
        commitEmpty(s, 4);
        assertThat(s.getPvtDataByBlockNum(1, null)).containsExactly(new TxPvtData(0, writeSet("k", "ns1/coll2")));
        assertThat(db.get(PvtDataKeys.data("ns1", "coll1", 1, 0))).isNull();
        assertThat(db.get(PvtDataKeys.expiry(4, 1))).isNull();
        byte[] keyHash = Hashing.sha256(ByteString.copyFromUtf8("k"));
        assertThat(db.get(PvtDataKeys.hashedIndex("ns1", "coll1", keyHash, 1, 0))).isNull();
        assertThat(db.get(PvtDataKeys.hashedIndex("ns1", "coll2", keyHash, 1, 0))).isNotNull();
        assertThat(keys(db, PvtDataKeys.EXPIRY)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void purgeWaitsForTheIntervalButReadsHideExpiredData(String backend) {
        KeyValueStore kv = kv(backend);
        DbHandle db = new DbHandle(kv, CH);
        PvtDataStore s = store(kv, 5);
        commitEmpty(s, 0);
        s.commit(1, List.of(new TxPvtData(3, writeSet("k", "ns1/coll1"))), Map.of());
        for (long b = 2; b <= 4; b++) {
            commitEmpty(s, b);
        }
        assertThat(s.getPvtDataByBlockNum(1, null)).isEmpty();
        assertThat(db.get(PvtDataKeys.data("ns1", "coll1", 1, 3))).isNotNull();
        commitEmpty(s, 5);
        assertThat(db.get(PvtDataKeys.data("ns1", "coll1", 1, 3))).isNull();
        assertThat(keys(db, PvtDataKeys.EXPIRY)).isEmpty();
        assertThat(keys(db, PvtDataKeys.HASHED_INDEX)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void missingDataRecordedAndExpired(String backend) {
        KeyValueStore kv = kv(backend);
        DbHandle db = new DbHandle(kv, CH);
        PvtDataStore s = store(kv, 1);
        commitEmpty(s, 0);
        s.commit(1, List.of(), Map.of(
                0L, List.of(new MissingPvtData("ns1", "coll1", true), new MissingPvtData("ns2", "coll", false)),
                2L, List.of(new MissingPvtData("ns1", "coll1", true), new MissingPvtData("ns1", "coll2", true))));
        s.commit(2, List.of(), Map.of(1L, List.of(new MissingPvtData("ns1", "coll2", true))));

        BitSet tx0and2 = new BitSet();
        tx0and2.set(0);
        tx0and2.set(2);
        assertThat(db.get(PvtDataKeys.eligibleMissing(PvtDataKeys.ELG_PRIORITIZED_MISSING, "ns1", "coll1", 1)))
                .isEqualTo(MissingDataBitmap.encode(tx0and2));
        BitSet tx0 = new BitSet();
        tx0.set(0);
        assertThat(db.get(PvtDataKeys.ineligibleMissing("ns2", "coll", 1))).isEqualTo(MissingDataBitmap.encode(tx0));

        MissingPvtDataInfo info = s.getMissingPvtDataInfoForMostRecentBlocks(2, 10);
        assertThat(info.blocks().keySet()).containsExactly(2L, 1L);
        assertThat(info.blocks().get(2L)).containsOnlyKeys(1L);
        assertThat(info.blocks().get(1L).get(0L)).containsExactly(new NsColl("ns1", "coll1"));
        assertThat(info.blocks().get(1L).get(2L)).containsExactlyInAnyOrder(new NsColl("ns1", "coll1"),
                new NsColl("ns1", "coll2"));
        assertThat(s.getMissingPvtDataInfoForMostRecentBlocks(2, 1).blocks().keySet()).containsExactly(2L);
        assertThat(s.getMissingPvtDataInfoForMostRecentBlocks(1, 5).blocks().keySet()).containsExactly(1L);

        // ns2/coll (btl 1) missing in block 1 expires at block 3; ns1/coll1 (btl 2) at block 4
        commitEmpty(s, 3);
        assertThat(db.get(PvtDataKeys.ineligibleMissing("ns2", "coll", 1))).isNull();
        commitEmpty(s, 4);
        assertThat(db.get(PvtDataKeys.eligibleMissing(PvtDataKeys.ELG_PRIORITIZED_MISSING, "ns1", "coll1", 1)))
                .isNull();
        MissingPvtDataInfo later = s.getMissingPvtDataInfoForMostRecentBlocks(4, 10);
        assertThat(later.blocks().get(1L)).containsOnlyKeys(2L);
        assertThat(later.blocks().get(1L).get(2L)).containsExactly(new NsColl("ns1", "coll2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void unknownCollectionFailsTheCommitWholly(String backend) {
        KeyValueStore kv = kv(backend);
        PvtDataStore s = store(kv, 1);
        commitEmpty(s, 0);
        assertThatThrownBy(() -> s.commit(1, List.of(new TxPvtData(0, writeSet("k", "ns1/coll2", "nsX/c"))),
                Map.of())).isInstanceOf(LedgerException.class).hasMessageContaining("nsX/c");
        assertThat(s.lastCommittedBlockHeight()).isEqualTo(1);
        assertThat(keys(new DbHandle(kv, CH), PvtDataKeys.DATA)).isEmpty();
        s.commit(1, List.of(), Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void dropRemovesOnlyThatChannel(String backend) {
        KeyValueStore kv = kv(backend);
        PvtDataStoreProvider provider = PvtDataStoreProvider.open(kv, "pvtdataStore", PvtDataConfig.DEFAULT);
        PvtDataStore a = provider.openStore("a", BTL);
        PvtDataStore b = provider.openStore("b", BTL);
        a.commit(0, List.of(new TxPvtData(0, writeSet("k", "ns1/coll2"))), Map.of());
        b.commit(0, List.of(new TxPvtData(0, writeSet("k", "ns1/coll2"))), Map.of());
        provider.drop("a");
        assertThat(new DbHandle(kv, "a").isEmpty()).isTrue();
        assertThat(provider.openStore("a", BTL).isEmpty()).isTrue();
        assertThat(provider.openStore("b", BTL).getPvtDataByBlockNum(0, null)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void pendingCommitOfV14CountsAsCommitted(String backend) {
        KeyValueStore kv = kv(backend);
        PvtDataStoreProvider provider = PvtDataStoreProvider.open(kv, "pvtdataStore", PvtDataConfig.DEFAULT);
        DbHandle db = new DbHandle(kv, CH);
        db.write(db.newBatch().put(PvtDataKeys.LAST_COMMITTED_BLOCK, new byte[] {4})
                .put(PvtDataKeys.PENDING_COMMIT, new byte[0]), true);
        PvtDataStore s = provider.openStore(CH, BTL);
        assertThat(s.lastCommittedBlockHeight()).isEqualTo(6);
        assertThat(db.get(PvtDataKeys.PENDING_COMMIT)).isNull();
        assertThat(db.get(PvtDataKeys.LAST_COMMITTED_BLOCK)).containsExactly(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void becomingEligibleMovesIneligibleMissingData(String backend) {
        KeyValueStore kv = kv(backend);
        DbHandle db = new DbHandle(kv, CH);
        PvtDataStore s = store(kv, 100);
        commitEmpty(s, 0);
        s.commit(1, List.of(), Map.of(0L, List.of(new MissingPvtData("ns2", "other", false)),
                3L, List.of(new MissingPvtData("ns2", "other", false), new MissingPvtData("ns1", "coll2", false))));
        s.commit(2, List.of(), Map.of(1L, List.of(new MissingPvtData("ns2", "other", false))));
        s.commit(3, List.of(), Map.of(0L, List.of(new MissingPvtData("ns2", "other", false))));
        byte[] block1Bitmap = db.get(PvtDataKeys.ineligibleMissing("ns2", "other", 1));
        assertThat(s.getMissingPvtDataInfoForMostRecentBlocks(3, 10).isEmpty()).isTrue();

        s.processCollsEligibilityEnabled(2, Map.of("ns2", List.of("other")));
        assertThat(db.get(PvtDataKeys.eligibleMissing(PvtDataKeys.ELG_PRIORITIZED_MISSING, "ns2", "other", 1)))
                .isEqualTo(block1Bitmap);
        assertThat(db.get(PvtDataKeys.ineligibleMissing("ns2", "other", 1))).isNull();
        assertThat(db.get(PvtDataKeys.ineligibleMissing("ns2", "other", 2))).isNull();
        assertThat(db.get(PvtDataKeys.ineligibleMissing("ns2", "other", 3))).isNotNull();
        assertThat(db.get(PvtDataKeys.ineligibleMissing("ns1", "coll2", 1))).isNotNull();
        assertThat(keys(db, PvtDataKeys.COLL_ELIGIBILITY)).isEmpty();
        MissingPvtDataInfo info = s.getMissingPvtDataInfoForMostRecentBlocks(3, 10);
        assertThat(info.blocks().keySet()).containsExactly(2L, 1L);
        assertThat(info.blocks().get(1L)).containsOnlyKeys(0L, 3L);
    }

    @Test
    void eligibilityEventLeftByACrashIsProcessedAtOpen() {
        KeyValueStore kv = kv("leveldb");
        DbHandle db = new DbHandle(kv, CH);
        PvtDataStore s = store(kv, 100);
        commitEmpty(s, 0);
        s.commit(1, List.of(), Map.of(0L, List.of(new MissingPvtData("ns2", "other", false))));
        db.write(db.newBatch().put(PvtDataKeys.collEligibility(1),
                CollEligibility.encode(Map.of("ns2", List.of("other")))), true);

        PvtDataStore reopened = store(kv, 100);
        assertThat(db.get(PvtDataKeys.ineligibleMissing("ns2", "other", 1))).isNull();
        assertThat(keys(db, PvtDataKeys.COLL_ELIGIBILITY)).isEmpty();
        assertThat(reopened.getMissingPvtDataInfoForMostRecentBlocks(1, 1).blocks()).containsOnlyKeys(1L);
    }

    private static List<byte[]> keys(DbHandle db, byte prefix) {
        List<byte[]> keys = new ArrayList<>();
        try (RangeIterator it = db.range(new byte[] {prefix}, new byte[] {(byte) (prefix + 1)})) {
            while (it.next()) {
                keys.add(it.key());
            }
        }
        return keys;
    }
}
