package io.weft.ledger.txmgr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.ledger.queryresult.KV;

import io.weft.ledger.LedgerException;
import io.weft.ledger.state.StateDb;
import io.weft.ledger.state.StateIterator;
import io.weft.ledger.state.StateMetadata;
import io.weft.ledger.state.Version;
import io.weft.ledger.state.VersionedKV;
import io.weft.ledger.state.VersionedValue;
import io.weft.protoutil.Hashing;

/**
 * Fabric's query executor: reads of committed state while holding the channel's commit lock shared (so a block
 * cannot commit in between) until {@link #done()}. Values absent from state come back as null. A
 * {@link TxSimulator} is a query executor that also records what it read.
 */
public class QueryExecutor {

    /** Fabric's degree of the merkle tree that replaces a range query's raw reads. */
    static final int MAX_DEGREE_QUERY_READS_HASHING = 50;

    /** The stamp of a view that reads under another executor's lock (StampedLock never issues 0). */
    private static final long BORROWED_LOCK = 0L;

    final String txid;
    final StateDb db;
    final RwSetBuilder rwset; // null: a read-only executor records nothing
    private final TxManager txmgr;
    private final long lockStamp;
    private final CollectionNameValidator collections;
    private final List<RangeScanIterator> iterators = new ArrayList<>();
    private final Map<String, Set<String>> privateReads = new HashMap<>();
    private boolean done;

    QueryExecutor(TxManager txmgr, String txid, RwSetBuilder rwset, CollectionConfigSource collections,
            long lockStamp) {
        this.txmgr = txmgr;
        this.db = txmgr.stateDb();
        this.txid = txid;
        this.rwset = rwset;
        this.lockStamp = lockStamp;
        this.collections = new CollectionNameValidator(txmgr.ledgerId(), collections, this);
    }

    public String txid() {
        return txid;
    }

    /**
     * A read-only executor over the same committed state, under the commit lock this one already holds: what the
     * peer reads on a simulation's behalf without recording it (Fabric keeps it in caches) must not take the lock a
     * second time — a commit waiting between two read acquisitions by one thread would wait forever. Valid only
     * until this executor is done; nothing it reads is recorded and it checks no collection names.
     */
    public QueryExecutor committedView() {
        checkDone();
        return new QueryExecutor(txmgr, txid, null, null, BORROWED_LOCK);
    }

    public ByteString getState(String ns, String key) {
        return getVersionedState(ns, key).value;
    }

    /**
     * The committed value of {@code key}, which a simulation does not record as read: for what the peer looks up
     * on a simulation's behalf but Fabric keeps in memory (the channel config).
     */
    public ByteString getStateUnrecorded(String ns, String key) {
        checkDone();
        return StateRead.of(db.get(ns, key)).value;
    }

    private StateRead getVersionedState(String ns, String key) {
        checkDone();
        StateRead read = StateRead.of(db.get(ns, key));
        if (rwset != null) {
            rwset.addRead(ns, key, read.version);
        }
        return read;
    }

    /** The key's metadata entries, or null if it has none. A simulation records the read of the key. */
    public Map<String, ByteString> getStateMetadata(String ns, String key) {
        checkDone();
        ByteString metadata = rwset == null ? db.stateMetadata(ns, key) : getVersionedState(ns, key).metadata;
        return StateMetadata.deserialize(metadata);
    }

    public List<ByteString> getStateMultipleKeys(String ns, List<String> keys) {
        checkDone();
        List<VersionedValue> values = db.getMultiple(ns, keys);
        List<ByteString> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            StateRead read = StateRead.of(values.get(i));
            if (rwset != null) {
                rwset.addRead(ns, keys.get(i), read.version);
            }
            out.add(read.value);
        }
        return out;
    }

    /** Keys {@code startKey <= key < endKey} ("" end: to the namespace's end), in key order. */
    public ResultsIterator<KV> getStateRangeScanIterator(String ns, String startKey, String endKey) {
        return rangeScan(ns, startKey, endKey, 0);
    }

    /** One page of a range query; the bookmark of the iterator is where the next page starts. */
    public QueryResultsIterator getStateRangeScanIteratorWithPagination(String ns, String startKey, String endKey,
            int pageSize) {
        return rangeScan(ns, startKey, endKey, pageSize);
    }

    private QueryResultsIterator rangeScan(String ns, String startKey, String endKey, int pageSize) {
        checkDone();
        RangeScanIterator it = new RangeScanIterator(ns, startKey, endKey,
                db.rangeScan(ns, startKey, endKey, pageSize), rwset != null, MAX_DEGREE_QUERY_READS_HASHING);
        iterators.add(it);
        return it;
    }

    /** Rich queries need CouchDB; Fabric's LevelDB state refuses them. */
    public ResultsIterator<KV> executeQuery(String ns, String query) {
        checkDone();
        throw new LedgerException("ExecuteQuery not supported for leveldb");
    }

    public QueryResultsIterator executeQueryWithPagination(String ns, String query, String bookmark, int pageSize) {
        checkDone();
        throw new LedgerException("ExecuteQueryWithMetadata not supported for leveldb");
    }

    /**
     * A private value, which must be the one whose hash is committed (a peer that missed the private data of the
     * latest write cannot serve it).
     */
    public ByteString getPrivateData(String ns, String coll, String key) {
        validateCollection(ns, coll);
        checkDone();
        StateRead read = StateRead.of(db.privateData(ns, coll, key));
        Version hashVersion = db.keyHashVersion(ns, coll, keyHash(key));
        if (!Objects.equals(hashVersion, read.version)) {
            throw new LedgerException("private data matching public hash version is not available. Public hash version = "
                    + Version.toString(hashVersion) + ", Private data version = " + Version.toString(read.version));
        }
        if (rwset != null) {
            rwset.addHashedRead(ns, coll, key, read.version);
            addPrivateRead(ns, coll);
        }
        return read.value;
    }

    /** The committed SHA-256 of a private value (any peer has it), or null. */
    public ByteString getPrivateDataHash(String ns, String coll, String key) {
        validateCollection(ns, coll);
        checkDone();
        return privateDataValueHash(ns, coll, key).value;
    }

    private StateRead privateDataValueHash(String ns, String coll, String key) {
        StateRead read = StateRead.of(db.privateDataHash(ns, coll, key));
        if (rwset != null) {
            rwset.addHashedRead(ns, coll, key, read.version);
        }
        return read;
    }

    public Map<String, ByteString> getPrivateDataMetadata(String ns, String coll, String key) {
        if (rwset == null) {
            return getPrivateDataMetadataByHash(ns, coll, keyHash(key));
        }
        validateCollection(ns, coll);
        checkDone();
        return StateMetadata.deserialize(privateDataValueHash(ns, coll, key).metadata);
    }

    public Map<String, ByteString> getPrivateDataMetadataByHash(String ns, String coll, ByteString keyHash) {
        validateCollection(ns, coll);
        checkDone();
        if (rwset != null) {
            throw new LedgerException("retrieving private data metadata by keyhash is not supported in simulation. "
                    + "This function is only available for query as yet");
        }
        return StateMetadata.deserialize(db.privateDataMetadataByHash(ns, coll, keyHash));
    }

    public List<ByteString> getPrivateDataMultipleKeys(String ns, String coll, List<String> keys) {
        validateCollection(ns, coll);
        checkDone();
        List<VersionedValue> values = db.privateDataMultiple(ns, coll, keys);
        List<ByteString> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            StateRead read = StateRead.of(values.get(i));
            if (rwset != null) {
                rwset.addHashedRead(ns, coll, keys.get(i), read.version);
                addPrivateRead(ns, coll);
            }
            out.add(read.value);
        }
        return out;
    }

    /** Private keys of a collection in key order; nothing is recorded (Fabric cannot validate such a range). */
    public ResultsIterator<KV> getPrivateDataRangeScanIterator(String ns, String coll, String startKey,
            String endKey) {
        validateCollection(ns, coll);
        checkDone();
        StateIterator it = db.privateDataRangeScan(ns, coll, startKey, endKey);
        return new ResultsIterator<>() {
            @Override
            public KV next() {
                VersionedKV kv = it.next();
                return kv == null ? null
                        : KV.newBuilder().setNamespace(ns).setKey(kv.keyString()).setValue(kv.value().value()).build();
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    public ResultsIterator<KV> executeQueryOnPrivateData(String ns, String coll, String query) {
        validateCollection(ns, coll);
        checkDone();
        throw new LedgerException("ExecuteQuery not supported for leveldb");
    }

    /** Releases the commit lock and closes the range queries; the executor cannot be used afterwards. */
    public void done() {
        if (done) {
            return;
        }
        done = true;
        try {
            for (RangeScanIterator it : iterators) {
                it.close();
            }
        } finally {
            if (lockStamp != BORROWED_LOCK) {
                txmgr.release(lockStamp);
            }
        }
    }

    void checkDone() {
        if (done) {
            throw new LedgerException("this instance should not be used after calling Done()");
        }
    }

    void validateCollection(String ns, String coll) {
        collections.validate(ns, coll);
    }

    /** The range queries made, as the read-write set records them, in the order they were opened. */
    void addRangeQueries() {
        for (RangeScanIterator it : iterators) {
            rwset.addRangeQuery(it.namespace(), it.rangeQueryInfo());
        }
    }

    Map<String, Set<String>> privateReads() {
        Map<String, Set<String>> copy = new HashMap<>();
        privateReads.forEach((ns, colls) -> copy.put(ns, Set.copyOf(colls)));
        return copy;
    }

    private void addPrivateRead(String ns, String coll) {
        privateReads.computeIfAbsent(ns, n -> new TreeSet<>()).add(coll);
    }

    static ByteString keyHash(String key) {
        return ByteString.copyFrom(Hashing.sha256(ByteString.copyFromUtf8(key)));
    }

    /** A committed value split as Fabric's {@code decomposeVersionedValue} does: all null when absent. */
    private record StateRead(ByteString value, ByteString metadata, Version version) {
        static StateRead of(VersionedValue vv) {
            return vv == null ? new StateRead(null, null, null) : new StateRead(vv.value(), vv.metadata(), vv.version());
        }
    }
}
