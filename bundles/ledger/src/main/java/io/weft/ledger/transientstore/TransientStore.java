package io.weft.ledger.transientstore;

import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import com.google.protobuf.CodedOutputStream;

import io.weft.api.storage.RangeIterator;
import io.weft.ledger.LedgerException;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.pvtdata.PvtNsCollFilter;

import org.hyperledger.fabric.protos.transientstore.TxPvtReadWriteSetWithConfigInfo;

/**
 * A channel's transient store, Fabric's {@code transientstore.Store}. Each persisted write set gets
 * a random uuid (several endorsers may send results for one txid) and is written in one synced
 * batch with its two index entries; purges remove write set and both indexes together.
 */
public final class TransientStore {

    private final DbHandle db;

    TransientStore(DbHandle db) {
        this.db = db;
    }

    /** Stores the private simulation results of {@code txid}, received when the ledger had {@code blockHeight}. */
    public void persist(String txid, long blockHeight, TxPvtReadWriteSetWithConfigInfo results) {
        String uuid = UUID.randomUUID().toString();
        db.write(db.newBatch()
                .put(TransientKeys.pvtRwset(txid, uuid, blockHeight), encode(results))
                .put(TransientKeys.byHeight(blockHeight, txid, uuid), new byte[0])
                .put(TransientKeys.byTxid(txid, uuid, blockHeight), new byte[0]), true);
    }

    /** All results stored for {@code txid}, trimmed to {@code filter} (null = everything). */
    public RwsetScanner getTxPvtRWSetByTxid(String txid, PvtNsCollFilter filter) {
        byte[][] range = TransientKeys.txidRange(TransientKeys.PVT_RWSET, txid);
        return new RwsetScanner(txid, db.range(range[0], range[1]), db.prefixLength(), filter);
    }

    /** Removes the results of the given transactions (after their block committed), in one batch. */
    public void purgeByTxids(List<String> txids) {
        DbHandle.Batch batch = db.newBatch();
        for (String txid : txids) {
            byte[][] range = TransientKeys.txidRange(TransientKeys.BY_TXID, txid);
            try (RangeIterator it = db.range(range[0], range[1])) {
                while (it.next()) {
                    TransientKeys.Entry e = TransientKeys.decodeTxidLayout(it.key(), db.prefixLength());
                    if (e.txid().equals(txid)) {
                        delete(batch, e);
                    }
                }
            }
        }
        db.write(batch, true);
    }

    /**
     * Removes the results received below height {@code maxBlockNumToRetain}, orphans of transactions
     * never committed. As in Fabric, 0 removes everything (the bound wraps around).
     */
    public void purgeBelowHeight(long maxBlockNumToRetain) {
        byte[][] range = TransientKeys.heightRange(maxBlockNumToRetain - 1);
        DbHandle.Batch batch = db.newBatch();
        try (RangeIterator it = db.range(range[0], range[1])) {
            while (it.next()) {
                delete(batch, TransientKeys.decodeByHeight(it.key(), db.prefixLength()));
            }
        }
        db.write(batch, true);
    }

    /** The lowest height of any stored results; empty for an empty store (Fabric's {@code ErrStoreEmpty}). */
    public OptionalLong getMinTransientBlkHt() {
        byte[][] range = TransientKeys.allHeights();
        try (RangeIterator it = db.range(range[0], range[1])) {
            return it.next() ? OptionalLong.of(TransientKeys.decodeByHeight(it.key(), db.prefixLength()).height())
                    : OptionalLong.empty();
        }
    }

    private static void delete(DbHandle.Batch batch, TransientKeys.Entry e) {
        batch.delete(TransientKeys.pvtRwset(e.txid(), e.uuid(), e.height()));
        batch.delete(TransientKeys.byHeight(e.height(), e.txid(), e.uuid()));
        batch.delete(TransientKeys.byTxid(e.txid(), e.uuid(), e.height()));
    }

    /** {@code 00 ‖ message}: the leading zero tells it from v1.1's bare write sets, as no message starts with 0. */
    private static byte[] encode(TxPvtReadWriteSetWithConfigInfo results) {
        byte[] value = new byte[1 + results.getSerializedSize()];
        CodedOutputStream out = CodedOutputStream.newInstance(value, 1, value.length - 1);
        try {
            results.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (java.io.IOException e) {
            throw new LedgerException("error encoding transient data: " + e.getMessage(), e);
        }
        return value;
    }
}
