package io.weft.ledger.history;

import java.util.Optional;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.state.Version;
import io.weft.ledger.txmgr.EndorserTransactions;
import io.weft.ledger.txmgr.TxRwSet;

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

    /** Indexes a committed block's valid writes and moves the savepoint to it, in one synced write. */
    public void commit(Block block) {
        long blockNum = block.getHeader().getNumber();
        ByteString flags = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) : ByteString.EMPTY;
        DbHandle.Batch batch = db.newBatch();
        int txCount = block.getData().getDataCount();
        for (int txNum = 0; txNum < txCount; txNum++) {
            if (txNum >= flags.size() || flags.byteAt(txNum) != TxValidationCode.VALID_VALUE) {
                continue;
            }
            EndorserTransactions.Parsed tx = EndorserTransactions.parse(block.getData().getData(txNum));
            if (!tx.isEndorserTransaction()) {
                continue;
            }
            TxRwSet rwset = TxRwSet.parse(tx.chaincodeAction().getResults());
            for (TxRwSet.Ns ns : rwset.namespaces()) {
                for (KVWrite w : ns.kvRwSet().getWritesList()) {
                    batch.put(HistoryKeys.data(ns.namespace(), w.getKey(), blockNum, txNum), HistoryKeys.EMPTY);
                }
            }
        }
        batch.put(HistoryKeys.SAVEPOINT, new Version(blockNum, txCount).toBytes());
        db.write(batch, true);
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
