package io.weft.ledger.validation;

import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

import com.google.protobuf.ByteString;

import io.weft.ledger.encoding.GoStringOrder;
import io.weft.ledger.state.StateDb;
import io.weft.ledger.state.StateIterator;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.VersionedKV;
import io.weft.ledger.state.VersionedValue;

/**
 * A namespace's range over committed state merged with a block's pending updates (an update wins over the
 * committed entry of the same key; deleted keys are skipped), as a range query would see it after the block's
 * earlier valid transactions. When the simulation stopped before exhausting its iterator, the recorded end key is
 * the last key it saw, so that key is served too ({@code includeEndKey}).
 */
final class CombinedIterator implements AutoCloseable {

    private static final Comparator<ByteString> ORDER = ByteString.unsignedLexicographicalComparator();

    private final StateDb db;
    private final UpdateBatch updates;
    private final String ns;
    private final String endKey;
    private final boolean includeEndKey;
    private final StateIterator dbItr;
    private final Iterator<Map.Entry<ByteString, VersionedValue>> updatesItr;
    private VersionedKV dbItem;
    private VersionedKV updatesItem;
    private boolean endKeyServed;

    CombinedIterator(StateDb db, UpdateBatch updates, String ns, String startKey, String endKey,
            boolean includeEndKey) {
        this.db = db;
        this.updates = updates;
        this.ns = ns;
        this.endKey = endKey;
        this.includeEndKey = includeEndKey;
        this.updatesItr = pendingRange(updates.updates(ns), startKey, endKey).entrySet().iterator();
        // an inverted range is empty (the stores may reject one)
        boolean inverted = !endKey.isEmpty() && GoStringOrder.INSTANCE.compare(startKey, endKey) > 0;
        this.dbItr = db.rangeScan(ns, startKey, inverted ? startKey : endKey);
        this.dbItem = dbItr.next();
        this.updatesItem = nextUpdate();
    }

    /** The next live entry in key order, or null at the end. */
    VersionedKV next() {
        while (dbItem != null || updatesItem != null) {
            VersionedKV selected;
            int c = dbItem == null ? 1 : updatesItem == null ? -1 : ORDER.compare(dbItem.key(), updatesItem.key());
            if (c < 0) {
                selected = dbItem;
                dbItem = dbItr.next();
            } else {
                selected = updatesItem;
                updatesItem = nextUpdate();
                if (c == 0) {
                    dbItem = dbItr.next();
                }
            }
            if (!selected.value().isDelete()) {
                return selected;
            }
        }
        return serveEndKeyIfNeeded();
    }

    private VersionedKV serveEndKeyIfNeeded() {
        if (!includeEndKey || endKeyServed) {
            return null;
        }
        endKeyServed = true;
        VersionedValue vv = updates.get(ns, endKey);
        if (vv == null) {
            vv = db.get(ns, endKey);
        }
        if (vv == null || vv.isDelete()) {
            return null;
        }
        return new VersionedKV(ns, ByteString.copyFromUtf8(endKey), vv);
    }

    private VersionedKV nextUpdate() {
        if (!updatesItr.hasNext()) {
            return null;
        }
        Map.Entry<ByteString, VersionedValue> e = updatesItr.next();
        return new VersionedKV(ns, e.getKey(), e.getValue());
    }

    /** Pending keys {@code start <= key < end} (empty end: to the namespace's end; start past end: none). */
    private static NavigableMap<ByteString, VersionedValue> pendingRange(NavigableMap<ByteString, VersionedValue> m,
            String startKey, String endKey) {
        if (m.isEmpty()) {
            return m; // (the shared empty map has no comparator for ByteString keys)
        }
        ByteString start = ByteString.copyFromUtf8(startKey);
        if (endKey.isEmpty()) {
            return m.tailMap(start, true);
        }
        ByteString end = ByteString.copyFromUtf8(endKey);
        return ORDER.compare(start, end) >= 0 ? Collections.emptyNavigableMap()
                : m.subMap(start, true, end, false);
    }

    @Override
    public void close() {
        dbItr.close();
    }
}
