package io.weft.ledger.txmgr;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;

import io.weft.ledger.LedgerException;

/**
 * Refuses private-data access to collections a chaincode does not define (Fabric's {@code collNameValidator}); looks
 * each chaincode up once, through the query executor it serves. Not thread-safe: one per executor.
 */
public final class CollectionNameValidator {

    private final String ledgerId;
    private final CollectionConfigSource source;
    private final QueryExecutor qe;
    private final Map<String, Set<String>> known = new HashMap<>();

    /** {@code source} null: no checks (Fabric's executor without collection checks). */
    public CollectionNameValidator(String ledgerId, CollectionConfigSource source, QueryExecutor qe) {
        this.ledgerId = ledgerId;
        this.source = source;
        this.qe = qe;
    }

    /** @throws LedgerException naming the collection, or the chaincode that defines no collections */
    public void validate(String ns, String coll) {
        if (source == null) {
            return;
        }
        Set<String> names = known.get(ns);
        if (names == null) {
            CollectionConfigPackage pkg = source.allCollectionsConfig(ledgerId, ns, qe);
            if (pkg == null) {
                throw new LedgerException("collection config not defined for chaincode [" + ns
                        + "], pass the collection configuration upon chaincode definition/instantiation");
            }
            names = new HashSet<>();
            for (CollectionConfig c : pkg.getConfigList()) {
                if (c.hasStaticCollectionConfig()) {
                    names.add(c.getStaticCollectionConfig().getName());
                }
            }
            known.put(ns, names);
        }
        if (!names.contains(coll)) {
            throw new LedgerException("collection [" + coll + "] not defined in the collection config for chaincode ["
                    + ns + "]");
        }
    }
}
