package io.weft.api.scc.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.google.protobuf.ByteString;

import io.weft.api.scc.SccState;

/**
 * Committed state for system chaincode tests: public and private maps, read as committed; writes are recorded in
 * order and applied by {@link #commit()} (a simulator never reads its own writes).
 */
public final class TestState implements SccState {

    /** One recorded write: {@code collection} null for public state, {@code value} null for a delete. */
    public record Write(String collection, String key, ByteString value) {
    }

    public final SortedMap<String, ByteString> pub = new TreeMap<>();
    public final Map<String, SortedMap<String, ByteString>> priv = new HashMap<>();
    /** Collections whose values this peer holds; the others answer only hashes. */
    public final java.util.Set<String> held = new java.util.HashSet<>();
    public final List<Write> writes = new ArrayList<>();
    public final List<String> reads = new ArrayList<>();

    @Override
    public ByteString getState(String key) {
        reads.add(key);
        return pub.get(key);
    }

    @Override
    public void putState(String key, ByteString value) {
        writes.add(new Write(null, key, value));
    }

    @Override
    public void delState(String key) {
        writes.add(new Write(null, key, null));
    }

    @Override
    public SortedMap<String, ByteString> getStateByRange(String startKey, String endKey) {
        return range(pub, startKey, endKey);
    }

    @Override
    public ByteString getPrivateData(String collection, String key) {
        reads.add(collection + "/" + key);
        return held.contains(collection) ? collection(collection).get(key) : null;
    }

    @Override
    public ByteString getPrivateDataHash(String collection, String key) {
        reads.add("#" + collection + "/" + key);
        ByteString value = collection(collection).get(key);
        return value == null ? null : sha256(value);
    }

    @Override
    public void putPrivateData(String collection, String key, ByteString value) {
        writes.add(new Write(collection, key, value));
    }

    @Override
    public void delPrivateData(String collection, String key) {
        writes.add(new Write(collection, key, null));
    }

    @Override
    public SortedMap<String, ByteString> getPrivateDataByRange(String collection, String startKey, String endKey) {
        return range(collection(collection), startKey, endKey);
    }

    /** Applies the recorded writes, as a block commit would, and forgets them. */
    public void commit() {
        for (Write w : writes) {
            Map<String, ByteString> target = w.collection() == null ? pub : collection(w.collection());
            if (w.value() == null) {
                target.remove(w.key());
            } else {
                target.put(w.key(), w.value());
            }
        }
        writes.clear();
        reads.clear();
    }

    private SortedMap<String, ByteString> collection(String name) {
        return priv.computeIfAbsent(name, n -> new TreeMap<>());
    }

    private static SortedMap<String, ByteString> range(SortedMap<String, ByteString> map, String start, String end) {
        return new TreeMap<>(end.isEmpty() ? map.tailMap(start) : map.subMap(start, end));
    }

    public static ByteString sha256(ByteString value) {
        try {
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(value.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
