package io.weft.ledger.history;

import java.util.Optional;


import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;

import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.state.Version;
import io.weft.ledger.txmgr.ConfigTransactions;
import io.weft.ledger.txmgr.TxRwSet;
import io.weft.ledger.txmgr.ValidWriteSets;

/**
 * One channel's history database as Fabric 2.x keeps it (in the channel's database of the shared
 * {@code historyLeveldb} store): an index entry per public key written by a valid endorser transaction, pointing
 * at that transaction; values are read back from the block store when history is queried.
 */
public final class HistoryDb {

    private final DbHandle db;

    public HistoryDb(DbHandle db) {
        this.db = db;
    }

    /** Indexes a committed block's valid writes and moves the savepoint to it, in one write. */
    public void commit(Block block) {
        commit(ValidWriteSets.of(block));
    }

    /** Indexes the writes of a block's valid transactions, parsed already, and moves the savepoint. */
    public void commit(ValidWriteSets writeSets) {
        long blockNum = writeSets.blockNum();
        DbHandle.Batch batch = db.newBatch();
        for (ValidWriteSets.Entry e : writeSets.entries()) {
            for (TxRwSet.Ns ns : e.rwset().namespaces()) {
                if (ns.namespace().equals(ConfigTransactions.PEER_NAMESPACE)) {
                    continue; // Fabric keeps no history of config transactions
                }
                for (KVWrite w : ns.kvRwSet().getWritesList()) {
                    batch.put(HistoryKeys.data(ns.namespace(), w.getKey(), blockNum, e.txNum()), HistoryKeys.EMPTY);
                }
            }
        }
        batch.put(HistoryKeys.SAVEPOINT, new Version(blockNum, writeSets.txCount()).toBytes());
        // not synced: history lost in a machine crash is rebuilt from the blocks when the ledger opens
        db.write(batch, false);
    }

    /** The savepoint: (last block indexed, its transaction count). */
    public Optional<Version> savepoint() {
        byte[] stored = db.get(HistoryKeys.SAVEPOINT);
        return stored == null ? Optional.empty() : Optional.of(Version.fromBytes(stored));
    }

    /** Sets the savepoint of a channel that starts from a snapshot. */
    public void markStartingSavepoint(Version savepoint) {
        db.write(db.newBatch().put(HistoryKeys.SAVEPOINT, savepoint.toBytes()), true);
    }

    /** Fabric's recovery check: whether blocks after the savepoint must be re-indexed (and from which). */
    public Optional<Long> recoverFrom(long lastAvailableBlock) {
        Optional<Version> sp = savepoint();
        if (sp.isEmpty()) {
            return Optional.of(0L);
        }
        long last = sp.get().blockNum();
        return last == lastAvailableBlock ? Optional.empty() : Optional.of(last + 1);
    }

    public HistoryQueryExecutor newQueryExecutor(TransactionSource transactions) {
        return new HistoryQueryExecutor(db, transactions);
    }
}
