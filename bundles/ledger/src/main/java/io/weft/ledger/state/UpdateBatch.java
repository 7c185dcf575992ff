package io.weft.ledger.state;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import com.google.protobuf.ByteString;

/**
 * The state changes of one block: public writes and deletes, and those of collections' hashed and private
 * namespaces, each at the version of the transaction that made it. A later change of a key replaces an earlier
 * one. {@link StateDb#apply} writes a batch and the savepoint atomically.
 */
public final class UpdateBatch {

    // per namespace, keys in the store's (unsigned byte) order so that range scans over a batch are cheap
    private final Map<String, NavigableMap<ByteString, VersionedValue>> updates = new HashMap<>();

    /** A public write. {@code value} must not be null: use {@link #delete}. */
    public void put(String ns, ByteString key, ByteString value, ByteString metadata, Version version) {
        if (value == null) {
            throw new IllegalArgumentException("Nil value not allowed. Instead call 'Delete' function");
        }
        update(ns, key, new VersionedValue(value, metadata, version));
    }

    public void put(String ns, String key, ByteString value, ByteString metadata, Version version) {
        put(ns, ByteString.copyFromUtf8(key), value, metadata, version);
    }

    public void delete(String ns, ByteString key, Version version) {
        update(ns, key, VersionedValue.delete(version));
    }

    public void delete(String ns, String key, Version version) {
        delete(ns, ByteString.copyFromUtf8(key), version);
    }

    /** A write of a collection's hashes: {@code keyHash → valueHash}. */
    public void putHashed(String ns, String coll, ByteString keyHash, ByteString valueHash, ByteString metadata,
            Version version) {
        put(Namespaces.hashedData(ns, coll), keyHash, valueHash, metadata, version);
    }

    public void deleteHashed(String ns, String coll, ByteString keyHash, Version version) {
        delete(Namespaces.hashedData(ns, coll), keyHash, version);
    }

    /** A write of a collection's private value (private values carry no metadata). */
    public void putPrivate(String ns, String coll, String key, ByteString value, Version version) {
        put(Namespaces.privateData(ns, coll), key, value, null, version);
    }

    public void deletePrivate(String ns, String coll, String key, Version version) {
        delete(Namespaces.privateData(ns, coll), key, version);
    }

    /** Sets a change as is (a null value deletes). */
    public void update(String ns, ByteString key, VersionedValue vv) {
        updates.computeIfAbsent(ns, n -> new TreeMap<>(ByteString.unsignedLexicographicalComparator())).put(key, vv);
    }

    /** The change of a key in this batch, or null. */
    public VersionedValue get(String ns, ByteString key) {
        NavigableMap<ByteString, VersionedValue> m = updates.get(ns);
        return m == null ? null : m.get(key);
    }

    public VersionedValue get(String ns, String key) {
        return get(ns, ByteString.copyFromUtf8(key));
    }

    public VersionedValue getHashed(String ns, String coll, ByteString keyHash) {
        return get(Namespaces.hashedData(ns, coll), keyHash);
    }

    public VersionedValue getPrivate(String ns, String coll, String key) {
        return get(Namespaces.privateData(ns, coll), key);
    }

    public boolean contains(String ns, ByteString key) {
        NavigableMap<ByteString, VersionedValue> m = updates.get(ns);
        return m != null && m.containsKey(key);
    }

    public boolean contains(String ns, String key) {
        return contains(ns, ByteString.copyFromUtf8(key));
    }

    /** Namespaces with changes, derived collection namespaces included. */
    public Set<String> namespaces() {
        return Collections.unmodifiableSet(updates.keySet());
    }

    /** A namespace's changes in key order (empty if none), for range checks over a block's pending writes. */
    public NavigableMap<ByteString, VersionedValue> updates(String ns) {
        NavigableMap<ByteString, VersionedValue> m = updates.get(ns);
        return m == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(m);
    }

    /** Adds {@code other}'s changes, which replace this batch's for the same keys. */
    public void merge(UpdateBatch other) {
        other.updates.forEach((ns, m) -> m.forEach((k, vv) -> update(ns, k, vv)));
    }

    public boolean isEmpty() {
        return updates.isEmpty();
    }
}
