package io.weft.ledger.pvtdata;

import java.util.List;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.storage.RangeIterator;
import io.weft.ledger.LedgerException;
import io.weft.ledger.kv.DbHandle;
import io.weft.protoutil.Hashing;

import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;

/**
 * Removes what has expired by a block (Fabric's {@code purgeExpiredData}): for every expiry entry
 * up to that block, the entry itself, the data entries and their hashed-index entries, the
 * missing-data entries of all three groups and any snapshot-loaded hashes it lists.
 */
final class ExpiryPurger {

    private final DbHandle db;

    ExpiryPurger(DbHandle db) {
        this.db = db;
    }

    /** Adds to {@code batch} the deletions of all that expires by {@code maxBlock}; returns the expiry entries seen. */
    int addDeletions(DbHandle.Batch batch, long maxBlock) {
        byte[][] range = PvtDataKeys.expiryRange(0, maxBlock);
        int entries = 0;
        try (RangeIterator it = db.range(range[0], range[1])) {
            while (it.next()) {
                byte[] key = it.key();
                long committingBlock = PvtDataKeys.decodeExpiry(key, db.prefixLength())[1];
                batch.delete(java.util.Arrays.copyOfRange(key, db.prefixLength(), key.length));
                for (Map.Entry<String, ExpiryData.Namespace> e : ExpiryData.decode(it.value()).namespaces()
                        .entrySet()) {
                    deleteNamespace(batch, e.getKey(), e.getValue(), committingBlock);
                }
                entries++;
            }
        }
        return entries;
    }

    private void deleteNamespace(DbHandle.Batch batch, String ns, ExpiryData.Namespace n, long block) {
        n.presentData.forEach((coll, txNums) -> {
            for (long txNum : txNums) {
                byte[] dataKey = PvtDataKeys.data(ns, coll, block, txNum);
                deleteHashedIndex(batch, ns, coll, block, txNum, db.get(dataKey));
                batch.delete(dataKey);
            }
        });
        for (String coll : n.missingData) {
            batch.delete(PvtDataKeys.eligibleMissing(PvtDataKeys.ELG_PRIORITIZED_MISSING, ns, coll, block));
            batch.delete(PvtDataKeys.eligibleMissing(PvtDataKeys.ELG_DEPRIORITIZED_MISSING, ns, coll, block));
            batch.delete(PvtDataKeys.ineligibleMissing(ns, coll, block));
        }
        n.bootKvHashes.forEach((coll, txNums) -> {
            for (long txNum : txNums) {
                batch.delete(PvtDataKeys.bootKvHashes(ns, coll, block, txNum));
            }
        });
    }

    private static void deleteHashedIndex(DbHandle.Batch batch, String ns, String coll, long block, long txNum,
            byte[] value) {
        if (value == null) {
            return;
        }
        List<KVWrite> writes;
        try {
            writes = CommitEntries.writes(CollectionPvtReadWriteSet.parseFrom(value));
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("error decoding private data of [" + ns + "/" + coll + "] in block " + block
                    + ": " + e.getMessage(), e);
        }
        for (KVWrite w : writes) {
            batch.delete(PvtDataKeys.hashedIndex(ns, coll, Hashing.sha256(w.getKeyBytes()), block, txNum));
        }
    }
}
