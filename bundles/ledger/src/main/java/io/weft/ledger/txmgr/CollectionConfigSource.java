package io.weft.ledger.txmgr;

import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * Where a query executor finds a chaincode's collections (Fabric's {@code DeployedChaincodeInfoProvider}); it
 * reads through the executor asking, so a simulator records those reads as Fabric's does.
 */
@FunctionalInterface
public interface CollectionConfigSource {

    /** All collections of chaincode {@code namespace}, or null if it defines none. */
    CollectionConfigPackage allCollectionsConfig(String ledgerId, String namespace, QueryExecutor qe);

    /**
     * One collection of chaincode {@code namespace} (Fabric's {@code CollectionInfo}), or null when it has no such
     * collection. The ledger reads a collection's block-to-live here.
     */
    default StaticCollectionConfig collectionInfo(String ledgerId, String namespace, String collection,
            QueryExecutor qe) {
        CollectionConfigPackage all = allCollectionsConfig(ledgerId, namespace, qe);
        if (all == null) {
            return null;
        }
        for (CollectionConfig c : all.getConfigList()) {
            if (c.hasStaticCollectionConfig() && c.getStaticCollectionConfig().getName().equals(collection)) {
                return c.getStaticCollectionConfig();
            }
        }
        return null;
    }
}
