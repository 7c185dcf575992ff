package io.weft.core.endorser;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.transientstore.TxPvtReadWriteSetWithConfigInfo;

import io.weft.lifecycle.ChaincodeCollections;
import io.weft.lifecycle.LifecycleStateException;
import io.weft.lifecycle.StateReader;

/**
 * Fabric's endorser-side private write-set assembly: the private read-write set with, per namespace, the configs of
 * exactly the collections it writes, for the transient store (and, in a gossiping peer, dissemination).
 */
final class PrivateWriteSets {

    private PrivateWriteSets() {
    }

    static TxPvtReadWriteSetWithConfigInfo assemble(TxPvtReadWriteSet pvt, List<String> orgMspIds, StateReader state,
            long endorsedAt) throws LifecycleStateException {
        TxPvtReadWriteSetWithConfigInfo.Builder out = TxPvtReadWriteSetWithConfigInfo.newBuilder().setPvtRwset(pvt)
                .setEndorsedAt(endorsedAt);
        Map<String, Set<String>> written = new HashMap<>();
        for (NsPvtReadWriteSet ns : pvt.getNsPvtRwsetList()) {
            Set<String> names = written.computeIfAbsent(ns.getNamespace(), n -> new HashSet<>());
            ns.getCollectionPvtRwsetList().forEach(c -> names.add(c.getCollectionName()));
        }
        for (Map.Entry<String, Set<String>> ns : written.entrySet()) {
            Optional<CollectionConfigPackage> all = ChaincodeCollections.all(state, ns.getKey(), orgMspIds);
            if (all.isEmpty()) {
                throw new LifecycleStateException("no collection config for chaincode \"" + ns.getKey() + "\"");
            }
            CollectionConfigPackage.Builder trimmed = CollectionConfigPackage.newBuilder();
            for (CollectionConfig c : all.get().getConfigList()) {
                if (c.hasStaticCollectionConfig() && ns.getValue().contains(c.getStaticCollectionConfig().getName())) {
                    trimmed.addConfig(c);
                }
            }
            out.putCollectionConfigs(ns.getKey(), trimmed.build());
        }
        return out.build();
    }
}
