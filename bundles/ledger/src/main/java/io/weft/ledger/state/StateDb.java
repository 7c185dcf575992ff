package io.weft.ledger.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.protobuf.ByteString;

import io.weft.ledger.kv.DbHandle;
import io.weft.protoutil.Hashing;

/**
 * One channel's state database as Fabric's stateleveldb keeps it (in the channel's database of the shared
 * {@code stateLeveldb} store), with the private-data view of Fabric's privacy-enabled state on top: private
 * values under {@code <ns>$$p<coll>} and their hashes under {@code <ns>$$h<coll>}.
 */
public final class StateDb {

    private final DbHandle db;

    public StateDb(DbHandle db) {
        this.db = db;
    }

    /** The committed value of a key, or null. */
    public VersionedValue get(String ns, ByteString key) {
        byte[] stored = db.get(StateKeys.data(ns, key));
        return stored == null ? null : DbValueCodec.decode(stored);
    }

    public VersionedValue get(String ns, String key) {
        return get(ns, ByteString.copyFromUtf8(key));
    }

    /** The committed version of a key, or null. */
    public Version version(String ns, String key) {
        VersionedValue vv = get(ns, key);
        return vv == null ? null : vv.version();
    }

    /** Committed values of several keys, in the order asked (null for absent keys). */
    public List<VersionedValue> getMultiple(String ns, List<String> keys) {
        List<VersionedValue> values = new ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(get(ns, key));
        }
        return values;
    }

    /** Keys {@code start <= key < end} of a namespace; an empty {@code end} scans to the namespace's end. */
    public StateIterator rangeScan(String ns, String startKey, String endKey) {
        return rangeScan(ns, startKey, endKey, 0);
    }

    /** As {@link #rangeScan(String, String, String)}, returning at most {@code pageSize} entries (0: all). */
    public StateIterator rangeScan(String ns, String startKey, String endKey, int pageSize) {
        byte[] start = StateKeys.data(ns, ByteString.copyFromUtf8(startKey));
        byte[] end = endKey.isEmpty() ? StateKeys.namespaceEnd(ns) : StateKeys.data(ns, ByteString.copyFromUtf8(endKey));
        return new StateIterator(ns, db.range(start, end), db.prefixLength() + StateKeys.keyOffset(ns), pageSize);
    }

    /**
     * Writes the batch and, if given, the savepoint in one atomic write: deletes for null values, Fabric's
     * {@code DBValue} for the others. Not synced (Fabric syncs): the block file is the durable record, and a state
     * that lost its last writes in a machine crash is re-committed from the blocks when the ledger opens.
     */
    public void apply(UpdateBatch batch, Version savepoint) {
        DbHandle.Batch out = db.newBatch();
        for (String ns : batch.namespaces()) {
            batch.updates(ns).forEach((key, vv) -> {
                byte[] dataKey = StateKeys.data(ns, key);
                if (vv.isDelete()) {
                    out.delete(dataKey);
                } else {
                    out.put(dataKey, DbValueCodec.encode(vv));
                }
            });
        }
        if (savepoint != null) {
            out.put(StateKeys.SAVEPOINT, savepoint.toBytes());
        }
        db.write(out, false);
    }

    /** The height of the last block applied, if any. */
    public Optional<Version> savepoint() {
        byte[] stored = db.get(StateKeys.SAVEPOINT);
        return stored == null ? Optional.empty() : Optional.of(Version.fromBytes(stored));
    }

    public boolean isEmpty() {
        return db.isEmpty();
    }

    /** A collection's private value, or null. */
    public VersionedValue privateData(String ns, String coll, String key) {
        return get(Namespaces.privateData(ns, coll), key);
    }

    public List<VersionedValue> privateDataMultiple(String ns, String coll, List<String> keys) {
        return getMultiple(Namespaces.privateData(ns, coll), keys);
    }

    public StateIterator privateDataRangeScan(String ns, String coll, String startKey, String endKey) {
        return rangeScan(Namespaces.privateData(ns, coll), startKey, endKey);
    }

    /** The committed hash of a private value, looked up by the key's SHA-256; null if absent. */
    public VersionedValue privateDataHash(String ns, String coll, String key) {
        return valueHash(ns, coll, ByteString.copyFrom(Hashing.sha256(ByteString.copyFromUtf8(key))));
    }

    public VersionedValue valueHash(String ns, String coll, ByteString keyHash) {
        return get(Namespaces.hashedData(ns, coll), keyHash);
    }

    public Version keyHashVersion(String ns, String coll, ByteString keyHash) {
        VersionedValue vv = valueHash(ns, coll, keyHash);
        return vv == null ? null : vv.version();
    }

    /** The serialized {@code KVMetadataWrite} of a public key, or null. */
    public ByteString stateMetadata(String ns, String key) {
        VersionedValue vv = get(ns, key);
        return vv == null ? null : vv.metadata();
    }

    public ByteString privateDataMetadataByHash(String ns, String coll, ByteString keyHash) {
        VersionedValue vv = valueHash(ns, coll, keyHash);
        return vv == null ? null : vv.metadata();
    }
}
