package io.weft.ledger.transientstore;

import java.util.LinkedHashMap;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.storage.RangeIterator;
import io.weft.ledger.LedgerException;
import io.weft.ledger.pvtdata.PvtNsCollFilter;

import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.transientstore.TxPvtReadWriteSetWithConfigInfo;

/** The private simulation results stored for one txid, one per endorser that sent them. Must be closed. */
public final class RwsetScanner implements AutoCloseable {

    private final String txid;
    private final RangeIterator it;
    private final int prefixLength;
    private final PvtNsCollFilter filter;

    RwsetScanner(String txid, RangeIterator it, int prefixLength, PvtNsCollFilter filter) {
        this.txid = txid;
        this.it = it;
        this.prefixLength = prefixLength;
        this.filter = filter;
    }

    /** The next results, trimmed to the filter, or {@code null} when there are no more. */
    public EndorserPvtSimulationResults next() {
        while (it.next()) {
            TransientKeys.Entry entry = TransientKeys.decodeTxidLayout(it.key(), prefixLength);
            if (entry.txid().equals(txid)) {
                return new EndorserPvtSimulationResults(entry.height(), decode(it.value()));
            }
        }
        return null;
    }

    private TxPvtReadWriteSetWithConfigInfo decode(byte[] value) {
        try {
            if (value.length > 0 && value[0] == 0) {
                TxPvtReadWriteSetWithConfigInfo stored = TxPvtReadWriteSetWithConfigInfo.parser()
                        .parseFrom(value, 1, value.length - 1);
                if (filter == null) {
                    return stored;
                }
                return trim(stored.toBuilder(), stored.getPvtRwset(), stored.getCollectionConfigsMap());
            }
            // written by a v1.1 peer: the bare write set, without configs
            return trim(TxPvtReadWriteSetWithConfigInfo.newBuilder(), TxPvtReadWriteSet.parseFrom(value), Map.of());
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("error decoding transient data of txid [" + txid + "]: " + e.getMessage(), e);
        }
    }

    private TxPvtReadWriteSetWithConfigInfo trim(TxPvtReadWriteSetWithConfigInfo.Builder result,
            TxPvtReadWriteSet writeSet, Map<String, CollectionConfigPackage> configs) {
        if (filter == null) {
            return result.setPvtRwset(writeSet).build();
        }
        TxPvtReadWriteSet trimmed = PvtWriteSetTrimmer.trimWriteSet(writeSet, filter);
        if (trimmed == null) {
            result.clearPvtRwset();
        } else {
            result.setPvtRwset(trimmed);
        }
        Map<String, CollectionConfigPackage> kept = new LinkedHashMap<>();
        PvtWriteSetTrimmer.trimConfigs(configs, filter, kept);
        return result.clearCollectionConfigs().putAllCollectionConfigs(kept).build();
    }

    @Override
    public void close() {
        it.close();
    }
}
