package io.weft.ledger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

import io.weft.ledger.pvtdata.BtlPolicy;
import io.weft.ledger.pvtdata.NsColl;
import io.weft.ledger.txmgr.CollectionConfigSource;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.ledger.txmgr.TxManager;

/**
 * A channel's block-to-live, read from the collection configs its committed state holds (Fabric's
 * {@code LSCCBasedBTLPolicy}). A collection's block-to-live cannot change once defined, so each is looked up
 * once.
 */
final class CollectionBtlPolicy implements BtlPolicy {

    private final String ledgerId;
    private final CollectionConfigSource collections;
    private final TxManager state;
    private final Map<NsColl, Long> cache = new ConcurrentHashMap<>();

    CollectionBtlPolicy(String ledgerId, CollectionConfigSource collections, TxManager state) {
        this.ledgerId = ledgerId;
        this.collections = collections;
        this.state = state;
    }

    /** The policy of a ledger whose collections are unknown: every lookup fails. */
    static BtlPolicy none(String ledgerId) {
        return (ns, coll) -> {
            throw notDefined(ledgerId, ns, coll);
        };
    }

    @Override
    public long btl(String namespace, String collection) {
        NsColl key = new NsColl(namespace, collection);
        Long cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        StaticCollectionConfig config;
        QueryExecutor qe = state.newQueryExecutorNoCollChecks();
        try {
            config = collections.collectionInfo(ledgerId, namespace, collection, qe);
        } finally {
            qe.done();
        }
        if (config == null) {
            throw notDefined(ledgerId, namespace, collection);
        }
        cache.put(key, config.getBlockToLive());
        return config.getBlockToLive();
    }

    private static LedgerException notDefined(String ledgerId, String ns, String coll) {
        return new LedgerException("collection [" + coll + "] of chaincode [" + ns + "] is not defined on channel ["
                + ledgerId + "]");
    }
}
