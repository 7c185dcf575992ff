package io.weft.ledger.txmgr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReadsMerkleSummary;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weft.api.storage.KeyValueStore;
import io.weft.ledger.LedgerException;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.state.StateDb;
import io.weft.ledger.state.StateMetadata;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;
import io.weft.ledger.testing.TestStores;

class TxSimulatorTest {

    @TempDir
    Path tmp;

    private KeyValueStore kv;
    private TxManager txmgr;

    @BeforeEach
    void open() {
        kv = TestStores.open("leveldb", tmp);
        CollectionConfigSource collections = (ledger, ns, qe) -> ns.equals("cc")
                ? CollectionConfigPackage.newBuilder().addConfig(CollectionConfig.newBuilder()
                        .setStaticCollectionConfig(StaticCollectionConfig.newBuilder().setName("coll"))).build()
                : null;
        txmgr = new TxManager("ch", new StateDb(new DbHandle(kv, "ch")), collections);
    }

    @AfterEach
    void close() {
        kv.close();
    }

    static ByteString b(String s) {
        return ByteString.copyFromUtf8(s);
    }

    static ByteString sha256(ByteString data) throws Exception {
        return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(data.toByteArray()));
    }

    private void commit(String ns, Version v, String... keyValues) {
        UpdateBatch batch = new UpdateBatch();
        for (int i = 0; i < keyValues.length; i += 2) {
            batch.put(ns, keyValues[i], b(keyValues[i + 1]), null, v);
        }
        txmgr.commit(batch, v);
    }

    private static KVRead read(String key, Version v) {
        KVRead.Builder r = KVRead.newBuilder().setKey(key);
        if (v != null) {
            r.setVersion(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder()
                    .setBlockNum(v.blockNum()).setTxNum(v.txNum()));
        }
        return r.build();
    }

    private static KVWrite write(String key, String value) {
        return KVWrite.newBuilder().setKey(key).setValue(b(value)).build();
    }

    private static TxReadWriteSet tx(NsReadWriteSet... nss) {
        return TxReadWriteSet.newBuilder().addAllNsRwset(List.of(nss)).build();
    }

    private static NsReadWriteSet ns(String ns, KVRWSet kv, CollectionHashedReadWriteSet... colls) {
        return NsReadWriteSet.newBuilder().setNamespace(ns).setRwset(kv.toByteString())
                .addAllCollectionHashedRwset(List.of(colls)).build();
    }

    @Test
    void oneWriteIsFabricsBytes() {
        TxSimulator sim = txmgr.newTxSimulator("tx1");
        sim.setState("cc", "k", b("v"));
        SimulationResults r = sim.getTxSimulationResults();
        sim.done();
        // TxReadWriteSet{ns_rwset[{namespace "cc", rwset KVRWSet{writes[{key "k", value "v"}]}}]}
        assertThat(HexFormat.of().formatHex(r.pubBytes().toByteArray()))
                .isEqualTo("120e" + "0a026363" + "1208" + "1a06" + "0a016b" + "1a0176");
        assertThat(r.pvt()).isNull();
        assertThat(r.pvtBytes()).isNull();
    }

    @Test
    void sortsNamespacesAndKeysAsGoStringsAndReadsCommittedStateOnly() {
        commit("b", new Version(1, 0), "k1", "old");
        TxSimulator sim = txmgr.newTxSimulator("tx1");
        // U+FFFD sorts before U+1F600 in UTF-8 byte order, after it in UTF-16 order
        for (String k : List.of("\ud83d\ude00", "\ufffd", "a", "A")) {
            sim.setState("b", k, b("x"));
        }
        sim.setState("a", "z", b("1"));
        sim.deleteState("a", "d");
        sim.setState("b", "k1", b("new"));
        assertThat(sim.getState("b", "k1")).isEqualTo(b("old")); // no read-your-own-writes
        assertThat(sim.getState("b", "absent")).isNull();
        assertThat(sim.getState("b", "k1")).isEqualTo(b("old"));
        SimulationResults r = sim.getTxSimulationResults();
        sim.done();

        TxReadWriteSet expected = tx(
                ns("a", KVRWSet.newBuilder()
                        .addWrites(KVWrite.newBuilder().setKey("d").setIsDelete(true))
                        .addWrites(write("z", "1")).build()),
                ns("b", KVRWSet.newBuilder()
                        .addReads(read("absent", null)).addReads(read("k1", new Version(1, 0)))
                        .addWrites(write("A", "x")).addWrites(write("a", "x")).addWrites(write("k1", "new"))
                        .addWrites(write("\ufffd", "x")).addWrites(write("\ud83d\ude00", "x")).build()));
        assertThat(r.pub()).isEqualTo(expected);
        assertThat(r.pubBytes()).isEqualTo(expected.toByteString());
    }

    @Test
    void rangeQueriesRecordRawReadsAndTheCoveredRange() {
        commit("cc", new Version(1, 0), "a", "1", "b", "2", "c", "3");
        commit("cc", new Version(2, 0), "b", "4");
        TxSimulator sim = txmgr.newTxSimulator("tx1");
        ResultsIterator<KV> all = sim.getStateRangeScanIterator("cc", "a", "c");
        List<String> seen = new ArrayList<>();
        for (KV kv = all.next(); kv != null; kv = all.next()) {
            seen.add(kv.getKey() + "=" + kv.getValue().toStringUtf8());
        }
        assertThat(seen).containsExactly("a=1", "b=4");
        ResultsIterator<KV> partial = sim.getStateRangeScanIterator("cc", "", "");
        assertThat(partial.next().getKey()).isEqualTo("a");
        sim.getStateRangeScanIterator("cc", "a", "c").next(); // same range, not exhausted: recorded separately
        SimulationResults r = sim.getTxSimulationResults();
        sim.done();

        KVRWSet expected = KVRWSet.newBuilder()
                .addRangeQueriesInfo(RangeQueryInfo.newBuilder().setStartKey("a").setEndKey("c").setItrExhausted(true)
                        .setRawReads(QueryReads.newBuilder().addKvReads(read("a", new Version(1, 0)))
                                .addKvReads(read("b", new Version(2, 0)))))
                .addRangeQueriesInfo(RangeQueryInfo.newBuilder().setStartKey("").setEndKey("a")
                        .setRawReads(QueryReads.newBuilder().addKvReads(read("a", new Version(1, 0)))))
                .addRangeQueriesInfo(RangeQueryInfo.newBuilder().setStartKey("a").setEndKey("a")
                        .setRawReads(QueryReads.newBuilder().addKvReads(read("a", new Version(1, 0)))))
                .build();
        assertThat(r.pubBytes()).isEqualTo(tx(ns("cc", expected)).toByteString());
    }

    @Test
    void rangeQueriesAboveTheMaxDegreeAreHashed() throws Exception {
        UpdateBatch batch = new UpdateBatch();
        List<KVRead> reads = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            String k = String.format("k%03d", i);
            batch.put("cc", k, b("v"), null, new Version(1, i));
            reads.add(read(k, new Version(1, i)));
        }
        txmgr.commit(batch, new Version(1, 50));
        TxSimulator sim = txmgr.newTxSimulator("tx1");
        ResultsIterator<KV> it = sim.getStateRangeScanIterator("cc", "", "");
        while (it.next() != null) {
            // drain
        }
        SimulationResults r = sim.getTxSimulationResults();
        sim.done();
        // 51 > 50 reads: one leaf hash of all of them; the summary replaces the raw reads
        ByteString leaf = sha256(QueryReads.newBuilder().addAllKvReads(reads).build().toByteString());
        KVRWSet expected = KVRWSet.newBuilder().addRangeQueriesInfo(RangeQueryInfo.newBuilder().setStartKey("")
                .setEndKey("").setItrExhausted(true).setReadsMerkleHashes(QueryReadsMerkleSummary.newBuilder()
                        .setMaxDegree(50).setMaxLevel(1).addMaxLevelHashes(leaf))).build();
        assertThat(r.pubBytes()).isEqualTo(tx(ns("cc", expected)).toByteString());
    }

    @Test
    void merkleTreeCombinesLevelsAboveTheDegree() throws Exception {
        RangeQueryResultsHelper helper = new RangeQueryResultsHelper(true, 2);
        List<ByteString> leaves = new ArrayList<>();
        List<KVRead> chunk = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            KVRead r = read("k" + i, new Version(1, i));
            helper.add(r);
            chunk.add(r);
            if (chunk.size() == 3 || i == 9) {
                leaves.add(sha256(QueryReads.newBuilder().addAllKvReads(chunk).build().toByteString()));
                chunk.clear();
            }
        }
        RangeQueryResultsHelper.Result result = helper.done();
        // leaves h0..h3: h0,h1,h2 → level 2 as H(h0 h1 h2); done() lifts h3 to level 2: [H(h0h1h2), h3]
        ByteString top = sha256(leaves.get(0).concat(leaves.get(1)).concat(leaves.get(2)));
        assertThat(result.rawReads()).isEmpty();
        assertThat(result.summary()).isEqualTo(QueryReadsMerkleSummary.newBuilder().setMaxDegree(2).setMaxLevel(2)
                .addMaxLevelHashes(top).addMaxLevelHashes(leaves.get(3)).build());
        assertThat(new RangeQueryResultsHelper(true, 2).done().summary()).isNull();
        assertThatThrownBy(() -> new RangeQueryResultsHelper(true, 1))
                .hasMessage("maxDegree [1] should not be less than 2 in the merkle tree");
    }

    @Test
    void privateWritesAreHashedIntoThePublicSet() throws Exception {
        UpdateBatch batch = new UpdateBatch();
        batch.putHashed("cc", "coll", sha256(b("r")), sha256(b("rv")), null, new Version(1, 0));
        batch.putPrivate("cc", "coll", "r", b("rv"), new Version(1, 0));
        txmgr.commit(batch, new Version(1, 0));

        TxSimulator sim = txmgr.newTxSimulator("tx1");
        assertThat(sim.getPrivateData("cc", "coll", "r")).isEqualTo(b("rv"));
        sim.setPrivateData("cc", "coll", "w", b("secret"));
        sim.deletePrivateData("cc", "coll", "d");
        SimulationResults r = sim.getTxSimulationResults();
        sim.done();

        KVRWSet pvtKv = KVRWSet.newBuilder().addWrites(KVWrite.newBuilder().setKey("d").setIsDelete(true))
                .addWrites(write("w", "secret")).build();
        TxPvtReadWriteSet expectedPvt = TxPvtReadWriteSet.newBuilder().addNsPvtRwset(NsPvtReadWriteSet.newBuilder()
                .setNamespace("cc").addCollectionPvtRwset(CollectionPvtReadWriteSet.newBuilder()
                        .setCollectionName("coll").setRwset(pvtKv.toByteString()))).build();
        HashedRWSet hashed = HashedRWSet.newBuilder()
                .addHashedReads(KVReadHash.newBuilder().setKeyHash(sha256(b("r")))
                        .setVersion(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder()
                                .setBlockNum(1)))
                .addHashedWrites(KVWriteHash.newBuilder().setKeyHash(sha256(b("d"))).setIsDelete(true))
                .addHashedWrites(KVWriteHash.newBuilder().setKeyHash(sha256(b("w"))).setValueHash(sha256(b("secret"))))
                .build();
        TxReadWriteSet expectedPub = tx(ns("cc", KVRWSet.getDefaultInstance(), CollectionHashedReadWriteSet
                .newBuilder().setCollectionName("coll").setHashedRwset(hashed.toByteString())
                .setPvtRwsetHash(sha256(pvtKv.toByteString())).build()));
        assertThat(r.pvtBytes()).isEqualTo(expectedPvt.toByteString());
        assertThat(r.pubBytes()).isEqualTo(expectedPub.toByteString());
        assertThat(r.privateReads()).isEqualTo(Map.of("cc", Set.of("coll")));
    }

    @Test
    void metadataWritesSortEntriesAndReportCommittedMetadata() {
        UpdateBatch batch = new UpdateBatch();
        batch.put("cc", "k", b("v"), StateMetadata.serialize(List.of(
                KVMetadataEntry.newBuilder().setName("m").setValue(b("old")).build())), new Version(1, 0));
        txmgr.commit(batch, new Version(1, 0));
        TxSimulator sim = txmgr.newTxSimulator("tx1");
        assertThat(sim.getStateMetadata("cc", "k")).isEqualTo(Map.of("m", b("old")));
        Map<String, ByteString> entries = new LinkedHashMap<>();
        entries.put("z", b("2"));
        entries.put("a", b("1"));
        sim.setStateMetadata("cc", "k", entries);
        sim.deleteStateMetadata("cc", "n");
        SimulationResults r = sim.getTxSimulationResults();
        sim.done();
        KVRWSet expected = KVRWSet.newBuilder().addReads(read("k", new Version(1, 0)))
                .addMetadataWrites(KVMetadataWrite.newBuilder().setKey("k")
                        .addEntries(KVMetadataEntry.newBuilder().setName("a").setValue(b("1")))
                        .addEntries(KVMetadataEntry.newBuilder().setName("z").setValue(b("2"))))
                .addMetadataWrites(KVMetadataWrite.newBuilder().setKey("n")).build();
        assertThat(r.pubBytes()).isEqualTo(tx(ns("cc", expected)).toByteString());
        assertThat(r.writesetMetadata()).isEqualTo(Map.of("cc", Map.of("", Map.of("k", Map.of("m", b("old")),
                "n", Map.of()))));
    }

    @Test
    void refusesWhatFabricRefuses() {
        TxSimulator sim = txmgr.newTxSimulator("tx1");
        assertThatThrownBy(() -> sim.setPrivateData("cc", "nope", "k", b("v")))
                .hasMessage("collection [nope] not defined in the collection config for chaincode [cc]");
        assertThatThrownBy(() -> sim.getPrivateData("other", "coll", "k"))
                .hasMessage("collection config not defined for chaincode [other], pass the collection configuration "
                        + "upon chaincode definition/instantiation");
        sim.setState("cc", "k", b("v"));
        assertThatThrownBy(() -> sim.getPrivateDataRangeScanIterator("cc", "coll", "", ""))
                .hasMessage("txid [tx1]: unsuppored transaction. Queries on pvt data is supported only in a read-only "
                        + "transaction");
        assertThatThrownBy(() -> sim.getStateRangeScanIteratorWithPagination("cc", "", "", 10))
                .hasMessage("txid [tx1]: unsuppored transaction. Paginated queries are supported only in a read-only "
                        + "transaction");
        assertThatThrownBy(() -> sim.executeQuery("cc", "{}")).hasMessage("ExecuteQuery not supported for leveldb");
        sim.getTxSimulationResults();
        assertThatThrownBy(sim::getTxSimulationResults)
                .hasMessage("this function should only be called once on a transaction simulator instance");
        sim.done();
        assertThatThrownBy(() -> sim.getState("cc", "k"))
                .hasMessage("this instance should not be used after calling Done()");

        TxSimulator reader = txmgr.newTxSimulator("tx2");
        reader.getPrivateDataRangeScanIterator("cc", "coll", "", "").close();
        assertThatThrownBy(() -> reader.setState("cc", "k", b("v")))
                .hasMessage("txid [tx2]: unsuppored transaction. Transaction has already performed queries on pvt "
                        + "data. Writes are not allowed");
        reader.done();
        TxSimulator pager = txmgr.newTxSimulator("tx3");
        pager.getStateRangeScanIteratorWithPagination("cc", "", "", 1).close();
        assertThatThrownBy(() -> pager.deleteState("cc", "k")).isInstanceOf(LedgerException.class)
                .hasMessage("txid [tx3]: unsuppored transaction. Transaction has already performed a paginated "
                        + "query. Writes are not allowed");
        pager.done();
    }

    @Test
    void privateDataMustMatchTheCommittedHash() throws Exception {
        UpdateBatch batch = new UpdateBatch();
        batch.putHashed("cc", "coll", sha256(b("k")), sha256(b("v2")), null, new Version(2, 0));
        batch.putPrivate("cc", "coll", "k", b("v1"), new Version(1, 0)); // this peer missed the newer value
        txmgr.commit(batch, new Version(2, 0));
        QueryExecutor qe = txmgr.newQueryExecutor("q");
        assertThatThrownBy(() -> qe.getPrivateData("cc", "coll", "k"))
                .hasMessage("private data matching public hash version is not available. Public hash version = "
                        + "{BlockNum: 2, TxNum: 0}, Private data version = {BlockNum: 1, TxNum: 0}");
        assertThat(qe.getPrivateDataHash("cc", "coll", "k")).isEqualTo(sha256(b("v2")));
        qe.done();
    }

    @Test
    void queryExecutorPagesWithBookmarks() {
        commit("cc", new Version(1, 0), "k1", "1", "k2", "2", "k3", "3");
        QueryExecutor qe = txmgr.newQueryExecutor("q");
        QueryResultsIterator page = qe.getStateRangeScanIteratorWithPagination("cc", "k1", "", 2);
        assertThat(page.next().getKey()).isEqualTo("k1");
        assertThat(page.next().getKey()).isEqualTo("k2");
        assertThat(page.next()).isNull();
        String bookmark = page.bookmarkAndClose();
        assertThat(bookmark).isEqualTo("k3");
        QueryResultsIterator next = qe.getStateRangeScanIteratorWithPagination("cc", bookmark, "", 2);
        assertThat(next.next().getKey()).isEqualTo("k3");
        assertThat(next.next()).isNull();
        assertThat(next.bookmarkAndClose()).isEmpty();
        qe.done();
        qe.done(); // idempotent
    }

    @Test
    void commitWaitsForRunningSimulations() throws Exception {
        TxSimulator sim = txmgr.newTxSimulator("tx1");
        Thread committer = new Thread(() -> commit("cc", new Version(1, 0), "k", "v"));
        committer.start();
        while (committer.getState() != Thread.State.WAITING) { // parked on the commit lock
            Thread.onSpinWait();
        }
        assertThat(sim.getState("cc", "k")).isNull();
        // done() on another thread than the one that began the simulation releases the lock
        Thread other = new Thread(sim::done);
        other.start();
        other.join();
        committer.join();
        assertThat(txmgr.stateDb().get("cc", "k")).isNotNull();
    }

    /**
     * A commit waits for open simulations; a simulation that then reads committed state on its own behalf through
     * {@link QueryExecutor#committedView()} goes on (a second read lock would queue behind the waiting commit, which
     * waits for the simulation: the deadlock the dev network's e2e benchmark hit).
     */
    @Test
    void aSimulationReadsThroughItsCommittedViewWhileACommitWaitsForIt() throws Exception {
        commit("cc", new Version(1, 0), "k", "v1");
        TxSimulator sim = txmgr.newTxSimulator("tx1");
        java.util.concurrent.CompletableFuture<Void> committing = java.util.concurrent.CompletableFuture.runAsync(
                () -> commit("cc", new Version(2, 0), "k", "v2"));
        Thread.sleep(200); // the commit is now queued behind the simulation's read lock
        assertThat(committing).isNotDone();
        QueryExecutor view = sim.committedView();
        assertThat(view.getState("cc", "k")).isEqualTo(b("v1"));
        view.done();
        assertThat(sim.getTxSimulationResults().pub().getNsRwsetList()).isEmpty(); // the view recorded nothing
        sim.done();
        committing.get(10, java.util.concurrent.TimeUnit.SECONDS);
        QueryExecutor after = txmgr.newQueryExecutor("q");
        assertThat(after.getState("cc", "k")).isEqualTo(b("v2"));
        after.done();
    }
}
