package io.weft.ledger.pvtdata;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.ledger.LedgerException;
import io.weft.ledger.kv.DbHandle;
import io.weft.protoutil.Hashing;

import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;

/**
 * The entries one block's commit adds to the store (Fabric's {@code prepareStoreEntries}): data and
 * hashed-index entries per collection write set, missing-data bitmaps (eligible ones prioritized)
 * and expiry entries grouped by expiring block. Everything is computed before the batch is written,
 * so a failing BTL lookup leaves the store untouched.
 */
final class CommitEntries {

    private CommitEntries() {
    }

    static void add(DbHandle.Batch batch, long blockNum, List<TxPvtData> pvtData,
            Map<Long, List<MissingPvtData>> missing, BtlPolicy btl) {
        Map<Long, ExpiryData> expiries = new TreeMap<>(Long::compareUnsigned);
        for (TxPvtData tx : pvtData) {
            for (NsPvtReadWriteSet ns : tx.writeSet().getNsPvtRwsetList()) {
                for (CollectionPvtReadWriteSet coll : ns.getCollectionPvtRwsetList()) {
                    String namespace = ns.getNamespace();
                    String collection = coll.getCollectionName();
                    batch.put(PvtDataKeys.data(namespace, collection, blockNum, tx.seqInBlock()), coll.toByteArray());
                    for (KVWrite w : writes(coll)) {
                        batch.put(PvtDataKeys.hashedIndex(namespace, collection, Hashing.sha256(w.getKeyBytes()),
                                blockNum, tx.seqInBlock()), w.getKeyBytes().toByteArray());
                    }
                    long expiring = btl.expiringBlock(namespace, collection, blockNum);
                    if (expiring != BtlPolicy.NEVER) {
                        expiries.computeIfAbsent(expiring, e -> new ExpiryData())
                                .addPresentData(namespace, collection, tx.seqInBlock());
                    }
                }
            }
        }
        Map<NsColl, BitSet> eligible = new LinkedHashMap<>();
        Map<NsColl, BitSet> ineligible = new LinkedHashMap<>();
        missing.forEach((txNum, colls) -> {
            for (MissingPvtData m : colls) {
                (m.eligible() ? eligible : ineligible)
                        .computeIfAbsent(new NsColl(m.namespace(), m.collection()), k -> new BitSet())
                        .set(Math.toIntExact(txNum));
            }
        });
        eligible.forEach((c, bits) -> batch.put(PvtDataKeys.eligibleMissing(PvtDataKeys.ELG_PRIORITIZED_MISSING,
                c.namespace(), c.collection(), blockNum), MissingDataBitmap.encode(bits)));
        ineligible.forEach((c, bits) -> batch.put(PvtDataKeys.ineligibleMissing(c.namespace(), c.collection(),
                blockNum), MissingDataBitmap.encode(bits)));
        for (Map<NsColl, BitSet> group : List.of(eligible, ineligible)) {
            for (NsColl c : group.keySet()) {
                long expiring = btl.expiringBlock(c.namespace(), c.collection(), blockNum);
                if (expiring != BtlPolicy.NEVER) {
                    expiries.computeIfAbsent(expiring, e -> new ExpiryData())
                            .addMissingData(c.namespace(), c.collection());
                }
            }
        }
        expiries.forEach((expiring, data) -> batch.put(PvtDataKeys.expiry(expiring, blockNum), data.encode()));
    }

    /** The writes of a stored collection write set; the hashed index holds their keys. */
    static List<KVWrite> writes(CollectionPvtReadWriteSet coll) {
        ByteString rwset = coll.getRwset();
        if (rwset.isEmpty()) {
            return List.of();
        }
        try {
            return KVRWSet.parseFrom(rwset).getWritesList();
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("error unmarshalling the private write set of collection ["
                    + coll.getCollectionName() + "]: " + e.getMessage(), e);
        }
    }
}
