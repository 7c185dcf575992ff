package io.weft.core.ledger;

import java.util.SortedMap;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.ledger.queryresult.KV;

import com.google.protobuf.ByteString;

import io.weft.api.scc.SccState;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.ledger.txmgr.ResultsIterator;
import io.weft.ledger.txmgr.TxSimulator;

/**
 * A system chaincode's view of one namespace of a ledger: a proposal's simulator (Fabric's stub for an SCC), or a
 * query executor over committed state, which refuses writes.
 */
public final class LedgerSccState implements SccState {

    private final QueryExecutor reads;
    private final String namespace;

    /** Writes go through when {@code state} is a proposal's simulator ({@link TxSimulator}), else throw. */
    public LedgerSccState(QueryExecutor state, String namespace) {
        this.reads = state;
        this.namespace = namespace;
    }

    private TxSimulator simulator() {
        if (reads instanceof TxSimulator s) {
            return s;
        }
        throw new UnsupportedOperationException("committed state of " + namespace + " is read-only");
    }

    @Override
    public ByteString getState(String key) {
        return reads.getState(namespace, key);
    }

    @Override
    public void putState(String key, ByteString value) {
        simulator().setState(namespace, key, value);
    }

    @Override
    public void delState(String key) {
        simulator().deleteState(namespace, key);
    }

    @Override
    public SortedMap<String, ByteString> getStateByRange(String startKey, String endKey) {
        return drain(reads.getStateRangeScanIterator(namespace, startKey, endKey));
    }

    @Override
    public ByteString getPrivateData(String collection, String key) {
        return reads.getPrivateData(namespace, collection, key);
    }

    @Override
    public ByteString getPrivateDataHash(String collection, String key) {
        return reads.getPrivateDataHash(namespace, collection, key);
    }

    @Override
    public void putPrivateData(String collection, String key, ByteString value) {
        simulator().setPrivateData(namespace, collection, key, value);
    }

    @Override
    public void delPrivateData(String collection, String key) {
        simulator().deletePrivateData(namespace, collection, key);
    }

    @Override
    public SortedMap<String, ByteString> getPrivateDataByRange(String collection, String startKey, String endKey) {
        return drain(reads.getPrivateDataRangeScanIterator(namespace, collection, startKey, endKey));
    }

    private static SortedMap<String, ByteString> drain(ResultsIterator<KV> results) {
        try (results) {
            SortedMap<String, ByteString> out = new TreeMap<>();
            for (KV kv = results.next(); kv != null; kv = results.next()) {
                out.put(kv.getKey(), kv.getValue());
            }
            return out;
        }
    }
}
