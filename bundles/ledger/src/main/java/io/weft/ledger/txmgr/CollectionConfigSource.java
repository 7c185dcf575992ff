package io.weft.ledger.txmgr;

import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;

/**
 * Where a query executor finds a chaincode's collections (Fabric's {@code DeployedChaincodeInfoProvider}); it
 * reads through the executor asking, so a simulator records those reads as Fabric's does.
 */
@FunctionalInterface
public interface CollectionConfigSource {

    /** All collections of chaincode {@code namespace}, or null if it defines none. */
    CollectionConfigPackage allCollectionsConfig(String ledgerId, String namespace, QueryExecutor qe);
}
