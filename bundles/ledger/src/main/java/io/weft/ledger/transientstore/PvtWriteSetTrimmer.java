package io.weft.ledger.transientstore;

import java.util.Map;

import io.weft.ledger.LedgerException;
import io.weft.ledger.pvtdata.PvtNsCollFilter;

import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;

/** Fabric's trimming of transient results to the collections a filter passes (store_helper.go). */
final class PvtWriteSetTrimmer {

    private PvtWriteSetTrimmer() {
    }

    /**
     * The write set with only the filtered collections, namespaces left empty dropped; {@code null}
     * when nothing is left. A null filter returns the write set as it is.
     */
    static TxPvtReadWriteSet trimWriteSet(TxPvtReadWriteSet writeSet, PvtNsCollFilter filter) {
        if (filter == null) {
            return writeSet;
        }
        TxPvtReadWriteSet.Builder trimmed = null;
        for (NsPvtReadWriteSet ns : writeSet.getNsPvtRwsetList()) {
            NsPvtReadWriteSet.Builder kept = null;
            for (CollectionPvtReadWriteSet coll : ns.getCollectionPvtRwsetList()) {
                if (filter.has(ns.getNamespace(), coll.getCollectionName())) {
                    if (kept == null) {
                        kept = NsPvtReadWriteSet.newBuilder().setNamespace(ns.getNamespace());
                    }
                    kept.addCollectionPvtRwset(coll);
                }
            }
            if (kept != null) {
                if (trimmed == null) {
                    trimmed = TxPvtReadWriteSet.newBuilder().setDataModel(writeSet.getDataModel());
                }
                trimmed.addNsPvtRwset(kept);
            }
        }
        return trimmed == null ? null : trimmed.build();
    }

    /**
     * The collection configs of the filtered collections; every namespace stays, possibly with an
     * empty package. Only static collection configs are known.
     *
     * @throws LedgerException {@code unexpected collection type}
     */
    static void trimConfigs(Map<String, CollectionConfigPackage> configs, PvtNsCollFilter filter,
            Map<String, CollectionConfigPackage> out) {
        for (Map.Entry<String, CollectionConfigPackage> e : configs.entrySet()) {
            CollectionConfigPackage.Builder kept = CollectionConfigPackage.newBuilder();
            for (CollectionConfig c : e.getValue().getConfigList()) {
                if (!c.hasStaticCollectionConfig()) {
                    throw new LedgerException("unexpected collection type");
                }
                if (filter.has(e.getKey(), c.getStaticCollectionConfig().getName())) {
                    kept.addConfig(c);
                }
            }
            out.put(e.getKey(), kept.build());
        }
    }
}
