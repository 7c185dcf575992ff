package io.weft.ledger.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.MVCC_READ_CONFLICT;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.PHANTOM_READ_CONFLICT;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.VALID;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.weft.api.storage.KeyValueStore;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.state.StateDb;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;
import io.weft.ledger.state.VersionedValue;
import io.weft.ledger.testing.TestStores;
import io.weft.ledger.txmgr.ResultsIterator;
import io.weft.ledger.txmgr.TxManager;
import io.weft.ledger.txmgr.TxRwSet;
import io.weft.ledger.txmgr.TxSimulator;

class MvccValidatorTest {

    private static final String NS = "cc";

    @TempDir
    Path tmp;

    private KeyValueStore kv;
    private StateDb db;
    private TxManager txmgr;

    private void open(String backend) {
        kv = TestStores.open(backend, tmp);
        db = new StateDb(new DbHandle(kv, "ch"));
        txmgr = new TxManager("ch", db, (ledger, ns, qe) -> null);
    }

    @AfterEach
    void close() {
        if (kv != null) {
            kv.close();
        }
    }

    // ---- helpers

    private static ByteString b(String s) {
        return ByteString.copyFromUtf8(s);
    }

    private static ByteString sha256(String s) throws Exception {
        return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(s.getBytes()));
    }

    private void commit(Version v, String... keyValues) {
        UpdateBatch batch = new UpdateBatch();
        for (int i = 0; i < keyValues.length; i += 2) {
            batch.put(NS, keyValues[i], b(keyValues[i + 1]), null, v);
        }
        db.apply(batch, v);
    }

    private static org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version pv(Version v) {
        return org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder().setBlockNum(v.blockNum())
                .setTxNum(v.txNum()).build();
    }

    private static KVRead read(String key, Version v) {
        KVRead.Builder r = KVRead.newBuilder().setKey(key);
        if (v != null) {
            r.setVersion(pv(v));
        }
        return r.build();
    }

    private static KVWrite write(String key, String value) {
        return KVWrite.newBuilder().setKey(key).setValue(b(value)).build();
    }

    private static KVWrite delete(String key) {
        return KVWrite.newBuilder().setKey(key).setIsDelete(true).build();
    }

    private static TxRwSet rwset(KVRWSet kvrw, CollectionHashedReadWriteSet... colls) {
        return TxRwSet.of(TxReadWriteSet.newBuilder().addNsRwset(NsReadWriteSet.newBuilder().setNamespace(NS)
                .setRwset(kvrw.toByteString()).addAllCollectionHashedRwset(List.of(colls))).build());
    }

    private static TxRwSet reads(KVRead... reads) {
        return rwset(KVRWSet.newBuilder().addAllReads(List.of(reads)).build());
    }

    private static TxRwSet writes(KVWrite... writes) {
        return rwset(KVRWSet.newBuilder().addAllWrites(List.of(writes)).build());
    }

    /** What a chaincode's simulation against the current committed state records. */
    private TxRwSet simulate(Consumer<TxSimulator> chaincode) {
        TxSimulator sim = txmgr.newTxSimulator("tx");
        chaincode.accept(sim);
        TxRwSet rw = TxRwSet.of(sim.getTxSimulationResults().pub());
        sim.done();
        return rw;
    }

    private static Consumer<TxSimulator> scan(String start, String end, int maxResults) {
        return sim -> {
            try (ResultsIterator<?> it = sim.getStateRangeScanIterator(NS, start, end)) {
                for (int i = 0; i < maxResults && it.next() != null; i++) {
                    // consume
                }
            }
        };
    }

    /** Validates transactions 0..n-1 of block {@code blockNum}, all VALID so far. */
    private MvccValidator.Result validate(long blockNum, TxRwSet... txs) {
        List<MvccValidator.Tx> list = new ArrayList<>();
        for (int i = 0; i < txs.length; i++) {
            list.add(new MvccValidator.Tx(i, VALID, txs[i]));
        }
        return new MvccValidator(db).validateAndPrepare(blockNum, list);
    }

    // ---- public reads

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void readVersionsMustMatchCommittedState(String backend) {
        open(backend);
        commit(new Version(1, 0), "k1", "v1");
        MvccValidator.Result r = validate(2,
                reads(read("k1", new Version(1, 0))),
                reads(read("k1", new Version(1, 1))),
                reads(read("absent", null)),
                reads(read("k1", null)),
                reads(read("absent", new Version(1, 0))),
                reads(read("k1", new Version(1, 0)), read("absent", new Version(0, 0))));
        assertThat(r.codes()).containsExactly(VALID, MVCC_READ_CONFLICT, VALID, MVCC_READ_CONFLICT,
                MVCC_READ_CONFLICT, MVCC_READ_CONFLICT);
        assertThat(r.updates().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void readAfterAnEarlierValidWriteOrDeleteInTheBlockConflicts(String backend) {
        open(backend);
        commit(new Version(1, 0), "k1", "v1", "k2", "v2", "k3", "v3");
        Version committed = new Version(1, 0);
        MvccValidator.Result r = validate(2,
                writes(write("k1", "new")),
                reads(read("k1", committed)),
                writes(delete("k2")),
                reads(read("k2", committed)),
                rwset(KVRWSet.newBuilder().addReads(read("k3", committed)).addWrites(write("k3", "x")).build()),
                reads(read("k3", committed)));
        assertThat(r.codes()).containsExactly(VALID, MVCC_READ_CONFLICT, VALID, MVCC_READ_CONFLICT, VALID,
                MVCC_READ_CONFLICT);
        assertThat(r.updates().get(NS, "k1")).isEqualTo(new VersionedValue(b("new"), null, new Version(2, 0)));
        assertThat(r.updates().get(NS, "k2")).isEqualTo(VersionedValue.delete(new Version(2, 2)));
        assertThat(r.updates().get(NS, "k3").version()).isEqualTo(new Version(2, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void invalidTransactionsAreSkippedAndTheirWritesDropped(String backend) {
        open(backend);
        commit(new Version(1, 0), "k1", "v1");
        TxRwSet stale = rwset(KVRWSet.newBuilder().addReads(read("k1", new Version(0, 5)))
                .addWrites(write("fromStale", "x")).build());
        List<MvccValidator.Tx> txs = List.of(
                new MvccValidator.Tx(0, ENDORSEMENT_POLICY_FAILURE, writes(write("k1", "endorsementFailed"))),
                new MvccValidator.Tx(1, TxValidationCode.BAD_PAYLOAD, null),
                new MvccValidator.Tx(2, VALID, stale),
                new MvccValidator.Tx(3, VALID, reads(read("k1", new Version(1, 0)), read("fromStale", null))));
        MvccValidator.Result r = new MvccValidator(db).validateAndPrepare(2, txs);
        assertThat(r.codes()).containsExactly(ENDORSEMENT_POLICY_FAILURE, TxValidationCode.BAD_PAYLOAD,
                MVCC_READ_CONFLICT, VALID);
        assertThat(r.updates().isEmpty()).isTrue();

        // without MVCC checks (re-commit of decided blocks) the stale transaction's writes are taken
        MvccValidator.Result unchecked = new MvccValidator(db).validateAndPrepare(2, txs, false);
        assertThat(unchecked.codes()).containsExactly(ENDORSEMENT_POLICY_FAILURE, TxValidationCode.BAD_PAYLOAD,
                VALID, VALID);
        assertThat(unchecked.updates().get(NS, "fromStale").version()).isEqualTo(new Version(2, 2));
    }

    // ---- range queries

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void rangeQueryWithRawReadsDetectsPhantoms(String backend) {
        open(backend);
        commit(new Version(1, 0), "k1", "v", "k2", "v", "k3", "v", "k5", "v");
        TxRwSet rq = simulate(scan("k1", "k4", Integer.MAX_VALUE));
        assertThat(rq.namespaces().get(0).kvRwSet().getRangeQueriesInfo(0).getRawReads().getKvReadsCount())
                .isEqualTo(3);

        assertThat(validate(2, rq).codes()).containsExactly(VALID);
        // writes outside [k1, k4) (the end key is exclusive) leave the range as it was
        assertThat(validate(2, writes(write("k4", "x"), write("k0", "x")), rq).codes()).containsExactly(VALID, VALID);
        assertThat(validate(2, writes(write("k25", "inserted")), rq).codes()).containsExactly(VALID,
                PHANTOM_READ_CONFLICT);
        assertThat(validate(2, writes(delete("k2")), rq).codes()).containsExactly(VALID, PHANTOM_READ_CONFLICT);
        assertThat(validate(2, writes(write("k3", "updated")), rq).codes()).containsExactly(VALID,
                PHANTOM_READ_CONFLICT);
        // a delete of a key that is not there changes nothing in the range
        assertThat(validate(2, writes(delete("k22")), rq).codes()).containsExactly(VALID, VALID);

        // a change committed after the simulation
        commit(new Version(2, 0), "k15", "inserted");
        assertThat(validate(3, rq).codes()).containsExactly(PHANTOM_READ_CONFLICT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void emptyRangeAndOpenEndedRange(String backend) {
        open(backend);
        commit(new Version(1, 0), "a", "v", "b", "v");
        TxRwSet empty = simulate(scan("m", "n", Integer.MAX_VALUE));
        TxRwSet toEnd = simulate(scan("b", "", Integer.MAX_VALUE));
        assertThat(validate(2, empty, toEnd).codes()).containsExactly(VALID, VALID);
        assertThat(validate(2, writes(write("mm", "x")), empty).codes()).containsExactly(VALID,
                PHANTOM_READ_CONFLICT);
        assertThat(validate(2, writes(write("zz", "x")), toEnd).codes()).containsExactly(VALID,
                PHANTOM_READ_CONFLICT);
        // an inverted range finds nothing, neither committed nor pending
        TxRwSet inverted = rwset(KVRWSet.newBuilder().addRangeQueriesInfo(
                RangeQueryInfo.newBuilder().setStartKey("z").setEndKey("a").setItrExhausted(true)).build());
        assertThat(validate(2, writes(write("b", "x"), write("y", "x")), inverted).codes()).containsExactly(VALID,
                VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void unexhaustedRangeCoversUpToTheLastKeySeen(String backend) {
        open(backend);
        commit(new Version(1, 0), "k1", "v", "k2", "v", "k3", "v", "k4", "v");
        TxRwSet partial = simulate(scan("k1", "k9", 2)); // saw k1, k2
        assertThat(partial.namespaces().get(0).kvRwSet().getRangeQueriesInfo(0).getItrExhausted()).isFalse();
        assertThat(partial.namespaces().get(0).kvRwSet().getRangeQueriesInfo(0).getEndKey()).isEqualTo("k2");

        assertThat(validate(2, writes(write("k3", "x")), partial).codes()).containsExactly(VALID, VALID);
        // the last key seen is part of the range
        assertThat(validate(2, writes(write("k2", "x")), partial).codes()).containsExactly(VALID,
                PHANTOM_READ_CONFLICT);
        assertThat(validate(2, writes(delete("k2")), partial).codes()).containsExactly(VALID, PHANTOM_READ_CONFLICT);
        assertThat(validate(2, writes(write("k11", "x")), partial).codes()).containsExactly(VALID,
                PHANTOM_READ_CONFLICT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void rangeQueryWithMerkleSummaryDetectsPhantoms(String backend) {
        open(backend);
        List<String> kvs = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            kvs.add(String.format("key%03d", i));
            kvs.add("v");
        }
        commit(new Version(1, 0), kvs.toArray(String[]::new));
        TxRwSet rq = simulate(scan("key000", "key110", Integer.MAX_VALUE)); // 110 results > 50
        assertThat(rq.namespaces().get(0).kvRwSet().getRangeQueriesInfo(0).hasReadsMerkleHashes()).isTrue();

        assertThat(validate(2, rq).codes()).containsExactly(VALID);
        assertThat(validate(2, writes(write("key110", "x"), write("a", "x")), rq).codes()).containsExactly(VALID,
                VALID);
        assertThat(validate(2, writes(write("key0505", "inserted")), rq).codes()).containsExactly(VALID,
                PHANTOM_READ_CONFLICT);
        assertThat(validate(2, writes(delete("key107")), rq).codes()).containsExactly(VALID, PHANTOM_READ_CONFLICT);
        assertThat(validate(2, writes(write("key000", "updated")), rq).codes()).containsExactly(VALID,
                PHANTOM_READ_CONFLICT);

        commit(new Version(2, 0), "key0999", "inserted");
        assertThat(validate(3, rq).codes()).containsExactly(PHANTOM_READ_CONFLICT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void readsAreCheckedBeforeRangeQueries(String backend) {
        open(backend);
        commit(new Version(1, 0), "k1", "v");
        TxRwSet rq = simulate(sim -> {
            sim.getState(NS, "k1");
            scan("k", "l", Integer.MAX_VALUE).accept(sim);
        });
        // k1 changed: both the read and the range are stale; the read decides the code
        assertThat(validate(2, writes(write("k1", "x")), rq).codes()).containsExactly(VALID, MVCC_READ_CONFLICT);
        assertThat(validate(2, writes(write("k2", "x")), rq).codes()).containsExactly(VALID,
                PHANTOM_READ_CONFLICT);
    }

    // ---- hashed reads

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void hashedReadsAreCheckedAgainstKeyHashVersions(String backend) throws Exception {
        open(backend);
        UpdateBatch committed = new UpdateBatch();
        committed.putHashed(NS, "coll", sha256("p1"), sha256("v1"), null, new Version(1, 0));
        db.apply(committed, new Version(1, 0));

        MvccValidator.Result r = validate(2,
                hashedRead("coll", "p1", new Version(1, 0)),
                hashedRead("coll", "p1", new Version(1, 1)),
                hashedRead("coll", "absent", null),
                hashedRead("other", "p1", new Version(1, 0)),
                rwset(KVRWSet.getDefaultInstance(), CollectionHashedReadWriteSet.newBuilder().setCollectionName("coll")
                        .setHashedRwset(HashedRWSet.newBuilder().addHashedWrites(KVWriteHash.newBuilder()
                                .setKeyHash(sha256("p1")).setValueHash(sha256("v2"))).build().toByteString())
                        .build()),
                hashedRead("coll", "p1", new Version(1, 0)));
        assertThat(r.codes()).containsExactly(VALID, MVCC_READ_CONFLICT, VALID, MVCC_READ_CONFLICT, VALID,
                MVCC_READ_CONFLICT);
        assertThat(r.updates().getHashed(NS, "coll", sha256("p1")))
                .isEqualTo(new VersionedValue(sha256("v2"), null, new Version(2, 4)));
    }

    private static TxRwSet hashedRead(String coll, String key, Version v) throws Exception {
        KVReadHash.Builder read = KVReadHash.newBuilder().setKeyHash(sha256(key));
        if (v != null) {
            read.setVersion(pv(v));
        }
        return rwset(KVRWSet.getDefaultInstance(), CollectionHashedReadWriteSet.newBuilder().setCollectionName(coll)
                .setHashedRwset(HashedRWSet.newBuilder().addHashedReads(read).build().toByteString()).build());
    }
}
