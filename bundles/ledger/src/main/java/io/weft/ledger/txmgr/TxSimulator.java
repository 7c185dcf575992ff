package io.weft.ledger.txmgr;

import java.util.HashMap;
import java.util.Map;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.ledger.queryresult.KV;

import io.weft.ledger.LedgerException;
import io.weft.ledger.state.StateMetadata;

/**
 * Fabric's transaction simulator: a query executor for one proposal that records reads, range queries and
 * writes into Fabric's read-write sets. Reads always see committed state, never the simulation's own writes.
 * As in Fabric, private-data queries and paginated queries are allowed only in read-only simulations.
 */
public final class TxSimulator extends QueryExecutor {

    private final Map<String, Map<String, Map<String, Map<String, ByteString>>>> writesetMetadata = new HashMap<>();
    private boolean writePerformed;
    private boolean pvtdataQueriesPerformed;
    private boolean paginatedQueriesPerformed;
    private boolean resultsComputed;

    TxSimulator(TxManager txmgr, String txid, CollectionConfigSource collections, long lockStamp) {
        super(txmgr, txid, new RwSetBuilder(), collections, lockStamp);
    }

    /** Writes a value; a null or empty value is a delete. */
    public void setState(String ns, String key, ByteString value) {
        checkWritePrecondition();
        rwset.addWrite(ns, key, value);
        recordStateMetadata(ns, "", key, db.stateMetadata(ns, key));
    }

    public void deleteState(String ns, String key) {
        setState(ns, key, null);
    }

    public void setStateMultipleKeys(String ns, Map<String, ByteString> kvs) {
        kvs.forEach((k, v) -> setState(ns, k, v));
    }

    /** Replaces a key's metadata; null or empty entries delete it. */
    public void setStateMetadata(String ns, String key, Map<String, ByteString> metadata) {
        checkWritePrecondition();
        rwset.addMetadataWrite(ns, key, metadata);
        recordStateMetadata(ns, "", key, db.stateMetadata(ns, key));
    }

    public void deleteStateMetadata(String ns, String key) {
        setStateMetadata(ns, key, null);
    }

    public void setPrivateData(String ns, String coll, String key, ByteString value) {
        validateCollection(ns, coll);
        checkWritePrecondition();
        rwset.addPrivateWrite(ns, coll, key, value);
        recordPrivateMetadata(ns, coll, key);
    }

    public void deletePrivateData(String ns, String coll, String key) {
        setPrivateData(ns, coll, key, null);
    }

    public void setPrivateDataMultipleKeys(String ns, String coll, Map<String, ByteString> kvs) {
        kvs.forEach((k, v) -> setPrivateData(ns, coll, k, v));
    }

    /** Deletes a private key and asks peers to purge its history from the private data store. */
    public void purgePrivateData(String ns, String coll, String key) {
        validateCollection(ns, coll);
        checkWritePrecondition();
        rwset.addPrivatePurge(ns, coll, key);
        recordPrivateMetadata(ns, coll, key);
    }

    public void setPrivateDataMetadata(String ns, String coll, String key, Map<String, ByteString> metadata) {
        validateCollection(ns, coll);
        checkWritePrecondition();
        rwset.addPrivateMetadataWrite(ns, coll, key, metadata);
        recordPrivateMetadata(ns, coll, key);
    }

    public void deletePrivateDataMetadata(String ns, String coll, String key) {
        setPrivateDataMetadata(ns, coll, key, null);
    }

    @Override
    public ResultsIterator<KV> getPrivateDataRangeScanIterator(String ns, String coll, String startKey,
            String endKey) {
        checkBeforePvtdataQueries();
        return super.getPrivateDataRangeScanIterator(ns, coll, startKey, endKey);
    }

    @Override
    public ResultsIterator<KV> executeQueryOnPrivateData(String ns, String coll, String query) {
        checkBeforePvtdataQueries();
        return super.executeQueryOnPrivateData(ns, coll, query);
    }

    @Override
    public QueryResultsIterator getStateRangeScanIteratorWithPagination(String ns, String startKey, String endKey,
            int pageSize) {
        checkBeforePaginatedQueries();
        return super.getStateRangeScanIteratorWithPagination(ns, startKey, endKey, pageSize);
    }

    @Override
    public QueryResultsIterator executeQueryWithPagination(String ns, String query, String bookmark, int pageSize) {
        checkBeforePaginatedQueries();
        return super.executeQueryWithPagination(ns, query, bookmark, pageSize);
    }

    public void executeUpdate(String query) {
        throw new LedgerException("not supported");
    }

    /** The simulation's read-write sets; callable once. */
    public SimulationResults getTxSimulationResults() {
        if (resultsComputed) {
            throw new LedgerException("this function should only be called once on a transaction simulator instance");
        }
        resultsComputed = true;
        addRangeQueries();
        SimulationResults built = rwset.build();
        return new SimulationResults(built.pub(), built.pvt(), privateReads(), copy(writesetMetadata));
    }

    private void checkWritePrecondition() {
        checkDone();
        if (pvtdataQueriesPerformed) {
            throw new LedgerException("txid [" + txid + "]: unsuppored transaction. Transaction has already "
                    + "performed queries on pvt data. Writes are not allowed");
        }
        if (paginatedQueriesPerformed) {
            throw new LedgerException("txid [" + txid + "]: unsuppored transaction. Transaction has already "
                    + "performed a paginated query. Writes are not allowed");
        }
        writePerformed = true;
    }

    private void checkBeforePvtdataQueries() {
        if (writePerformed) {
            throw new LedgerException("txid [" + txid + "]: unsuppored transaction. Queries on pvt data is supported "
                    + "only in a read-only transaction");
        }
        pvtdataQueriesPerformed = true;
    }

    private void checkBeforePaginatedQueries() {
        if (writePerformed) {
            throw new LedgerException("txid [" + txid + "]: unsuppored transaction. Paginated queries are supported "
                    + "only in a read-only transaction");
        }
        paginatedQueriesPerformed = true;
    }

    private void recordPrivateMetadata(String ns, String coll, String key) {
        recordStateMetadata(ns, coll, key, db.privateDataMetadataByHash(ns, coll, keyHash(key)));
    }

    private void recordStateMetadata(String ns, String coll, String key, ByteString stored) {
        Map<String, ByteString> entries = StateMetadata.deserialize(stored);
        writesetMetadata.computeIfAbsent(ns, n -> new HashMap<>()).computeIfAbsent(coll, c -> new HashMap<>())
                .put(key, entries == null ? Map.of() : Map.copyOf(entries));
    }

    private static Map<String, Map<String, Map<String, Map<String, ByteString>>>> copy(
            Map<String, Map<String, Map<String, Map<String, ByteString>>>> m) {
        Map<String, Map<String, Map<String, Map<String, ByteString>>>> out = new HashMap<>();
        m.forEach((ns, colls) -> {
            Map<String, Map<String, Map<String, ByteString>>> c = new HashMap<>();
            colls.forEach((coll, keys) -> c.put(coll, Map.copyOf(keys)));
            out.put(ns, c);
        });
        return out;
    }
}
