package io.weft.core.endorser;

import java.util.SortedMap;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.ledger.queryresult.KV;

import com.google.protobuf.ByteString;

import io.weft.api.scc.SccState;
import io.weft.ledger.txmgr.ResultsIterator;
import io.weft.ledger.txmgr.TxSimulator;

/** A system chaincode's view of the proposal's simulator, in its own namespace (Fabric's stub for an SCC). */
final class SimulatorSccState implements SccState {

    private final TxSimulator simulator;
    private final String namespace;

    SimulatorSccState(TxSimulator simulator, String namespace) {
        this.simulator = simulator;
        this.namespace = namespace;
    }

    @Override
    public ByteString getState(String key) {
        return simulator.getState(namespace, key);
    }

    @Override
    public void putState(String key, ByteString value) {
        simulator.setState(namespace, key, value);
    }

    @Override
    public void delState(String key) {
        simulator.deleteState(namespace, key);
    }

    @Override
    public SortedMap<String, ByteString> getStateByRange(String startKey, String endKey) {
        return drain(simulator.getStateRangeScanIterator(namespace, startKey, endKey));
    }

    @Override
    public ByteString getPrivateData(String collection, String key) {
        return simulator.getPrivateData(namespace, collection, key);
    }

    @Override
    public ByteString getPrivateDataHash(String collection, String key) {
        return simulator.getPrivateDataHash(namespace, collection, key);
    }

    @Override
    public void putPrivateData(String collection, String key, ByteString value) {
        simulator.setPrivateData(namespace, collection, key, value);
    }

    @Override
    public void delPrivateData(String collection, String key) {
        simulator.deletePrivateData(namespace, collection, key);
    }

    @Override
    public SortedMap<String, ByteString> getPrivateDataByRange(String collection, String startKey, String endKey) {
        return drain(simulator.getPrivateDataRangeScanIterator(namespace, collection, startKey, endKey));
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
