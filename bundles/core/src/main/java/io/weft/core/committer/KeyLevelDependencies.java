package io.weft.core.committer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWriteHash;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.api.handler.StateKey;
import io.weft.ledger.txmgr.TxRwSet;

/**
 * Fabric's {@code ValidationParameterUpdatedError}, decided in block order: a transaction whose plugin decision read
 * a key's key-level policy is invalid ({@code ENDORSEMENT_POLICY_FAILURE}) when an earlier transaction of the block,
 * accepted by the plugin of that namespace, rewrote that key's metadata. Fabric makes later transactions wait for
 * the earlier ones' plugin results; deciding after the parallel stage gives the same codes without threads waiting
 * on each other.
 */
final class KeyLevelDependencies {

    private static final Logger LOG = LoggerFactory.getLogger(KeyLevelDependencies.class);

    private KeyLevelDependencies() {
    }

    /** Updates {@code txs} in place. */
    static void apply(long blockNumber, List<ValidatedTx> txs) {
        if (txs.stream().noneMatch(KeyLevelDependencies::writesMetadata)) {
            return; // the common case: no transaction in the block changes a key-level policy
        }
        Map<String, Set<StateKey>> updatedByAccepted = new HashMap<>();
        for (int i = 0; i < txs.size(); i++) {
            ValidatedTx tx = txs.get(i);
            Map<String, List<StateKey>> stillAccepted = new LinkedHashMap<>();
            boolean invalidated = false;
            for (Map.Entry<String, List<StateKey>> e : tx.accepted().entrySet()) {
                Set<StateKey> updated = updatedByAccepted.getOrDefault(e.getKey(), Set.of());
                StateKey hit = e.getValue().stream().filter(updated::contains).findFirst().orElse(null);
                if (hit != null) {
                    LOG.warn("tx {} at {}:{} is invalid: the validation parameter of {} was updated earlier in the block",
                            tx.txId(), blockNumber, i, hit);
                    invalidated = true;
                    break; // the namespaces after this one were never judged, as in Fabric
                }
                stillAccepted.put(e.getKey(), e.getValue());
            }
            if (invalidated) {
                tx = tx.withAccepted(stillAccepted);
                tx = tx.code() == TxValidationCode.VALID ? tx.withCode(TxValidationCode.ENDORSEMENT_POLICY_FAILURE) : tx;
                txs.set(i, tx);
            }
            record(tx, updatedByAccepted);
        }
    }

    private static void record(ValidatedTx tx, Map<String, Set<StateKey>> updatedByAccepted) {
        TxRwSet rwset = tx.rwset();
        if (rwset == null) {
            return;
        }
        for (TxRwSet.Ns ns : rwset.namespaces()) {
            if (!tx.accepted().containsKey(ns.namespace())) {
                continue;
            }
            Set<StateKey> updated = updatedByAccepted.computeIfAbsent(ns.namespace(), k -> new HashSet<>());
            for (KVMetadataWrite w : ns.kvRwSet().getMetadataWritesList()) {
                updated.add(StateKey.publicKey(ns.namespace(), w.getKey()));
            }
            for (TxRwSet.CollHashed c : ns.collections()) {
                for (KVMetadataWriteHash w : c.hashedRwSet().getMetadataWritesList()) {
                    updated.add(StateKey.privateKeyHash(ns.namespace(), c.collection(), w.getKeyHash()));
                }
            }
        }
    }

    private static boolean writesMetadata(ValidatedTx tx) {
        if (tx.rwset() == null) {
            return false;
        }
        for (TxRwSet.Ns ns : tx.rwset().namespaces()) {
            if (ns.kvRwSet().getMetadataWritesCount() > 0) {
                return true;
            }
            for (TxRwSet.CollHashed c : ns.collections()) {
                if (c.hashedRwSet().getMetadataWritesCount() > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
