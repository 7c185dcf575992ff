package io.weft.bccsp.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A size-bounded cache with second-chance (clock) eviction, as Fabric's MSP cache: reads are
 * lock-free and only mark an entry as used; inserts take a lock and evict the first entry the clock
 * hand finds unused since its last pass.
 */
public final class BoundedCache<K, V> {

    private static final class Entry<V> {
        final V value;
        volatile boolean referenced;

        Entry(V value) {
            this.value = value;
        }
    }

    private final ConcurrentHashMap<K, Entry<V>> map;
    private final Object[] ring;
    private int size;
    private int hand;

    public BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.map = new ConcurrentHashMap<>(Math.min(capacity, 1024) * 2);
        this.ring = new Object[capacity];
    }

    /** The cached value, or null. */
    public V get(K key) {
        Entry<V> e = map.get(key);
        if (e == null) {
            return null;
        }
        e.referenced = true;
        return e.value;
    }

    /** Caches {@code value} under {@code key}, evicting an old entry when full. */
    public synchronized void put(K key, V value) {
        Entry<V> fresh = new Entry<>(value);
        if (map.replace(key, fresh) != null) {
            return;
        }
        if (size < ring.length) {
            ring[size++] = key;
            map.put(key, fresh);
            return;
        }
        while (true) {
            @SuppressWarnings("unchecked")
            K old = (K) ring[hand];
            Entry<V> e = map.get(old);
            if (e != null && e.referenced) {
                e.referenced = false;
                hand = (hand + 1) % ring.length;
                continue;
            }
            map.remove(old);
            ring[hand] = key;
            hand = (hand + 1) % ring.length;
            map.put(key, fresh);
            return;
        }
    }

    /** Number of cached entries. */
    public int size() {
        return map.size();
    }
}
