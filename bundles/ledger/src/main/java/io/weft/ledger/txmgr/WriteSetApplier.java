package io.weft.ledger.txmgr;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;

import io.weft.ledger.LedgerException;
import io.weft.ledger.state.StateDb;
import io.weft.ledger.state.StateMetadata;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;
import io.weft.ledger.state.VersionedValue;
import io.weft.protoutil.Hashing;
import io.weft.protoutil.Protos;

/**
 * The commit side of a write set, as Fabric's state validator applies it once a transaction is found valid: its
 * public and hashed writes, deletes and metadata writes go into the block's {@link UpdateBatch} at the
 * transaction's height. A write keeps the key's latest metadata; a metadata-only write keeps the latest value
 * (and is dropped if the key does not exist); a delete wins over everything else. "Latest" means the block's
 * earlier updates, else committed state.
 */
public final class WriteSetApplier {

    private static final ByteString HASH_OF_EMPTY = ByteString.copyFrom(Hashing.sha256(ByteString.EMPTY));

    private final StateDb db;

    public WriteSetApplier(StateDb db) {
        this.db = db;
    }

    /** Fabric's rule: a write with the delete flag or an empty value deletes the key. */
    public static boolean isDelete(KVWrite write) {
        return write.getIsDelete() || write.getValue().isEmpty();
    }

    /** The hashed form of that rule: no value hash, or the hash of an empty value, deletes too. */
    public static boolean isDelete(KVWriteHash write) {
        return write.getIsDelete() || write.getValueHash().isEmpty() || write.getValueHash().equals(HASH_OF_EMPTY);
    }

    /** Adds one valid transaction's public and hashed updates to {@code batch} at {@code height}. */
    public void apply(TxRwSet rwset, Version height, UpdateBatch batch) {
        Map<OpKey, KeyOps> ops = collect(rwset);
        for (Map.Entry<OpKey, KeyOps> e : ops.entrySet()) {
            OpKey k = e.getKey();
            KeyOps op = e.getValue();
            if (!op.isDelete() && !op.isUpsertAndMetadataUpdate()) {
                if (op.isOnlyUpsert()) {
                    op.metadata = latestMetadata(k, batch);
                } else {
                    VersionedValue latest = latest(k, batch);
                    if (latest == null) {
                        continue; // metadata of a key that does not exist: nothing to write
                    }
                    op.value = latest.value();
                }
            }
            String ns = k.coll == null ? k.ns : null;
            if (op.isDelete()) {
                if (ns != null) {
                    batch.delete(ns, k.key, height);
                } else {
                    batch.deleteHashed(k.ns, k.coll, k.key, height);
                }
            } else if (ns != null) {
                batch.put(ns, k.key, op.value, op.metadata, height);
            } else {
                batch.putHashed(k.ns, k.coll, k.key, op.value, op.metadata, height);
            }
        }
    }

    /**
     * Adds the public and hashed updates of a block's transactions that its TRANSACTIONS_FILTER marks valid
     * (endorser transactions only; other types carry no write set here).
     */
    public UpdateBatch applyValidTransactions(Block block) {
        return apply(ValidWriteSets.of(block));
    }

    /** The public and hashed updates of a block's valid transactions, parsed already. */
    public UpdateBatch apply(ValidWriteSets writeSets) {
        UpdateBatch batch = new UpdateBatch();
        for (ValidWriteSets.Entry e : writeSets.entries()) {
            apply(e.rwset(), new Version(writeSets.blockNum(), e.txNum()), batch);
        }
        return batch;
    }

    /**
     * Adds the private writes of a block's valid transactions (transaction number → private rwset, whose hashes
     * the caller has matched with the public ones) to {@code batch}, which already holds the block's hashed
     * updates. A private key whose metadata alone changed takes the new version of its hash if the value held
     * still matches that hash.
     */
    public void applyPrivate(long blockNum, Map<Long, TxPvtReadWriteSet> pvtData, UpdateBatch batch) {
        Set<PvtKey> metadataUpdated = new LinkedHashSet<>();
        pvtData.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Version height = new Version(blockNum, e.getKey());
            for (NsPvtReadWriteSet ns : e.getValue().getNsPvtRwsetList()) {
                for (CollectionPvtReadWriteSet coll : ns.getCollectionPvtRwsetList()) {
                    KVRWSet kv = parseKv(coll.getRwset());
                    for (KVWrite w : kv.getWritesList()) {
                        if (isDelete(w)) {
                            batch.deletePrivate(ns.getNamespace(), coll.getCollectionName(), w.getKey(), height);
                        } else {
                            batch.putPrivate(ns.getNamespace(), coll.getCollectionName(), w.getKey(), w.getValue(),
                                    height);
                        }
                    }
                    for (KVMetadataWrite m : kv.getMetadataWritesList()) {
                        metadataUpdated.add(new PvtKey(ns.getNamespace(), coll.getCollectionName(), m.getKey()));
                    }
                }
            }
        });
        for (PvtKey k : metadataUpdated) {
            VersionedValue hashed = batch.getHashed(k.ns, k.coll, QueryExecutor.keyHash(k.key));
            if (hashed == null) {
                continue;
            }
            VersionedValue latest = batch.getPrivate(k.ns, k.coll, k.key);
            if (latest == null) {
                latest = db.privateData(k.ns, k.coll, k.key);
            }
            if (latest == null || Objects.equals(latest.version(), hashed.version())) {
                continue;
            }
            // with missing private data allowed at commit, the value held may be stale: bump it only if it matches
            if (ByteString.copyFrom(Hashing.sha256(latest.value())).equals(hashed.value())) {
                batch.putPrivate(k.ns, k.coll, k.key, latest.value(), hashed.version());
            }
        }
    }

    private Map<OpKey, KeyOps> collect(TxRwSet rwset) {
        Map<OpKey, KeyOps> ops = new LinkedHashMap<>();
        for (TxRwSet.Ns ns : rwset.namespaces()) {
            for (KVWrite w : ns.kvRwSet().getWritesList()) {
                KeyOps op = ops.computeIfAbsent(new OpKey(ns.namespace(), null, ByteString.copyFromUtf8(w.getKey())),
                        x -> new KeyOps());
                op.write(isDelete(w), w.getValue());
            }
            for (KVMetadataWrite m : ns.kvRwSet().getMetadataWritesList()) {
                ops.computeIfAbsent(new OpKey(ns.namespace(), null, ByteString.copyFromUtf8(m.getKey())),
                        x -> new KeyOps()).metadata(m.getEntriesCount() == 0 ? null
                                : StateMetadata.serialize(m.getEntriesList()));
            }
            for (TxRwSet.CollHashed c : ns.collections()) {
                for (KVWriteHash w : c.hashedRwSet().getHashedWritesList()) {
                    ops.computeIfAbsent(new OpKey(ns.namespace(), c.collection(), w.getKeyHash()), x -> new KeyOps())
                            .write(isDelete(w), w.getValueHash());
                }
                for (KVMetadataWriteHash m : c.hashedRwSet().getMetadataWritesList()) {
                    ops.computeIfAbsent(new OpKey(ns.namespace(), c.collection(), m.getKeyHash()), x -> new KeyOps())
                            .metadata(m.getEntriesCount() == 0 ? null : StateMetadata.serialize(m.getEntriesList()));
                }
            }
        }
        return ops;
    }

    private VersionedValue latest(OpKey k, UpdateBatch batch) {
        if (k.coll == null) {
            VersionedValue vv = batch.get(k.ns, k.key);
            return vv != null ? vv : db.get(k.ns, k.key);
        }
        VersionedValue vv = batch.getHashed(k.ns, k.coll, k.key);
        return vv != null ? vv : db.valueHash(k.ns, k.coll, k.key);
    }

    private ByteString latestMetadata(OpKey k, UpdateBatch batch) {
        VersionedValue pending = k.coll == null ? batch.get(k.ns, k.key) : batch.getHashed(k.ns, k.coll, k.key);
        if (pending != null) {
            return pending.metadata();
        }
        return k.coll == null ? db.stateMetadata(k.ns, k.key.toStringUtf8())
                : db.privateDataMetadataByHash(k.ns, k.coll, k.key);
    }

    private static KVRWSet parseKv(ByteString bytes) {
        try {
            return Protos.parse(KVRWSet.parser(), bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("error unmarshalling private KVRWSet: " + e.getMessage(), e);
        }
    }

    /** coll null: a public key; otherwise {@code key} is the key's hash in that collection. */
    private record OpKey(String ns, String coll, ByteString key) {
    }

    private record PvtKey(String ns, String coll, String key) {
    }

    /**
     * Fabric's per-key operation flags. Fabric adds the flags rather than or-ing them, so a key repeated in one
     * write set carries into the next flag; this is kept so that such write sets commit as on a Go peer.
     */
    private static final class KeyOps {
        private static final int UPSERT = 1;
        private static final int METADATA_UPDATE = 2;
        private static final int METADATA_DELETE = 4;
        private static final int DELETE = 8;

        int flag;
        ByteString value;
        ByteString metadata;

        void write(boolean delete, ByteString v) {
            if (delete) {
                flag += DELETE;
            } else {
                flag += UPSERT;
                value = v;
            }
        }

        void metadata(ByteString serialized) {
            if (serialized == null) {
                flag += METADATA_DELETE;
            } else {
                flag += METADATA_UPDATE;
                metadata = serialized;
            }
        }

        boolean isDelete() {
            return (flag & DELETE) == DELETE;
        }

        boolean isUpsertAndMetadataUpdate() {
            return (flag & UPSERT) == UPSERT && ((flag & METADATA_UPDATE) != 0 || (flag & METADATA_DELETE) != 0);
        }

        boolean isOnlyUpsert() {
            return (flag | UPSERT) == UPSERT;
        }
    }
}
