package io.weft.ledger.kv;

import java.nio.charset.StandardCharsets;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.RangeIterator;
import io.weft.ledger.LedgerException;

/**
 * The data-format mark of Fabric's ledger stores: written into a new store, required of an
 * existing one, refused with Fabric's {@code ErrFormatMismatch} message otherwise.
 */
public final class DataFormat {

    /** Where the shared stores (index, state, history, private data) keep it: key {@code f} of database {@code _}. */
    public static final byte[] SHARED_STORE_KEY = {'_', 0, 'f'};

    private DataFormat() {
    }

    /**
     * Marks an empty {@code store} with {@code format} under {@code key}, or requires that mark.
     *
     * @param dbInfo what Fabric's message calls the store, e.g. {@code leveldb at [<path>]}
     */
    public static void initOrRequire(KeyValueStore store, byte[] key, String format, String dbInfo) {
        byte[] found = store.get(key);
        if (found == null && isEmpty(store)) {
            store.write(store.newBatch().put(key, format.getBytes(StandardCharsets.UTF_8)), true);
        } else if (found == null || !format.equals(new String(found, StandardCharsets.UTF_8))) {
            throw mismatch(dbInfo, found, format);
        }
    }

    /** Fabric's message for a store in another format ({@code found} null: none). */
    public static LedgerException mismatch(String dbInfo, byte[] found, String expected) {
        return new LedgerException("unexpected format. db info = [" + dbInfo + "], data format = ["
                + (found == null ? "" : new String(found, StandardCharsets.UTF_8)) + "], expected format = ["
                + expected + "]");
    }

    public static boolean isEmpty(KeyValueStore store) {
        try (RangeIterator it = store.range(null, null)) {
            return !it.next();
        }
    }
}
