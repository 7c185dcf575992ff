package io.weft.storage.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import io.weft.api.storage.WriteBatch;

/**
 * The data of one memory store, kept across close and reopen. Multi-version: a batch's values carry the next
 * sequence number and all become visible at once when {@link #visible} moves to it, which makes batches atomic to
 * readers. Snapshots and iterators pin the sequence number they read at; a value is kept while it is the newest
 * one or the newest at or below some pin.
 */
final class VersionedMap {

    private record Pending(byte[] key, long seq) {
    }

    private final ConcurrentSkipListMap<byte[], Version> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private volatile long visible;
    // guarded by this: pinned sequence numbers with their counts
    private final TreeMap<Long, Integer> pins = new TreeMap<>();
    // guarded by this: keys holding values for pins older than seq, to prune when those pins are gone
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    /** The latest committed value. */
    byte[] get(byte[] key) {
        // chain first, sequence second: a chain keeps the value that was visible when it was installed
        Version head = map.get(key);
        long seq = visible;
        return head == null ? null : head.valueAt(seq);
    }

    /** The value as of a pinned sequence number. */
    byte[] get(byte[] key, long seq) {
        Version head = map.get(key);
        return head == null ? null : head.valueAt(seq);
    }

    /** The keys in {@code [start, end)} (null = open) with their chains; the caller filters by sequence. */
    Iterator<Map.Entry<byte[], Version>> entries(byte[] start, byte[] end) {
        NavigableMap<byte[], Version> view = map;
        if (start != null && end != null) {
            if (Arrays.compareUnsigned(start, end) >= 0) {
                return Collections.emptyIterator();
            }
            view = map.subMap(start, true, end, false);
        } else if (start != null) {
            view = map.tailMap(start, true);
        } else if (end != null) {
            view = map.headMap(end, false);
        }
        return view.entrySet().iterator();
    }

    /** Applies a batch atomically. */
    synchronized void apply(WriteBatch batch) {
        long seq = visible + 1;
        List<byte[]> touched = new ArrayList<>(batch.size());
        batch.forEach(new WriteBatch.Visitor() {
            @Override
            public void put(byte[] key, byte[] value) {
                install(key, value, seq, touched);
            }

            @Override
            public void delete(byte[] key) {
                install(key, null, seq, touched);
            }
        });
        visible = seq;
        // only now may the values this batch replaced go: unpinned readers needed them until the batch was visible
        for (byte[] key : touched) {
            if (prune(key) && !pins.isEmpty()) {
                pending.add(new Pending(key, seq));
            }
        }
    }

    /** Pins the current state for a snapshot or iterator; returns its sequence number. */
    synchronized long pin() {
        long seq = visible;
        pins.merge(seq, 1, Integer::sum);
        return seq;
    }

    synchronized void unpin(long seq) {
        pins.computeIfPresent(seq, (s, n) -> n == 1 ? null : n - 1);
        while (!pending.isEmpty() && (pins.isEmpty() || pending.peek().seq() <= pins.firstKey())) {
            prune(pending.poll().key());
        }
    }

    private void install(byte[] key, byte[] value, long seq, List<byte[]> touched) {
        Version old = map.get(key);
        if (old != null && old.seq == seq) {
            map.put(key, new Version(seq, value, old.older)); // the same key again in this batch: the later wins
        } else {
            map.put(key, new Version(seq, value, old));
            touched.add(key);
        }
    }

    /**
     * Drops the key's values that no reader can see: keeps the newest, and each older one that is the newest at or
     * below some pin; a delete with nothing kept below it hides nothing and goes too.
     *
     * @return whether older values remain for pinned readers
     */
    private boolean prune(byte[] key) {
        Version head = map.get(key);
        if (head == null) {
            return false;
        }
        List<Version> kept = new ArrayList<>();
        kept.add(head);
        boolean changed = false;
        Version newer = head;
        for (Version v = head.older; v != null; newer = v, v = v.older) {
            Long pin = pins.ceilingKey(v.seq);
            if (pin != null && pin < newer.seq) {
                kept.add(v);
            } else {
                changed = true;
            }
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).value == null) {
            kept.remove(kept.size() - 1);
            changed = true;
        }
        if (kept.isEmpty()) {
            map.remove(key);
        } else if (changed) {
            Version chain = null;
            for (int i = kept.size() - 1; i >= 0; i--) {
                chain = new Version(kept.get(i).seq, kept.get(i).value, chain);
            }
            map.put(key, chain);
        }
        return kept.size() > 1;
    }

    /** The number of values held, for tests of pruning. */
    synchronized int versionCount() {
        int n = 0;
        for (Version head : map.values()) {
            for (Version v = head; v != null; v = v.older) {
                n++;
            }
        }
        return n;
    }
}
