package io.weft.ledger.pvtdata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.RangeIterator;
import io.weft.ledger.LedgerException;
import io.weft.ledger.kv.DbHandle;

/**
 * The private data stores of all channels in one shared key-value store ({@code <ld>/pvtdataStore}),
 * each channel in its own database. The store's data format, key {@code "_" 00 "f"}, is "2.5":
 * written into an empty store, required of a non-empty one.
 */
public final class PvtDataStoreProvider {

    static final String DATA_FORMAT = "2.5";
    private static final byte[] FORMAT_KEY = {'f'};

    private final KeyValueStore store;
    private final PvtDataConfig config;

    private PvtDataStoreProvider(KeyValueStore store, PvtDataConfig config) {
        this.store = store;
        this.config = config;
    }

    /**
     * A provider over {@code store}, which stays the caller's to close; {@code location} names it in errors.
     *
     * @throws LedgerException Fabric's format mismatch message when the store holds another format
     */
    public static PvtDataStoreProvider open(KeyValueStore store, String location, PvtDataConfig config) {
        DbHandle internal = new DbHandle(store, "_");
        byte[] expected = DATA_FORMAT.getBytes(StandardCharsets.UTF_8);
        if (isEmpty(store)) {
            internal.write(internal.newBatch().put(FORMAT_KEY, expected), true);
        } else {
            byte[] format = internal.get(FORMAT_KEY);
            if (!Arrays.equals(format, expected)) {
                throw new LedgerException("unexpected format. db info = [leveldb at [" + location
                        + "]], data format = [" + (format == null ? "" : new String(format, StandardCharsets.UTF_8))
                        + "], expected format = [" + DATA_FORMAT + "]");
            }
        }
        return new PvtDataStoreProvider(store, config);
    }

    /** The store of channel {@code ledgerId}, expiring data by {@code btl}; finishes pending eligibility events. */
    public PvtDataStore openStore(String ledgerId, BtlPolicy btl) {
        return PvtDataStore.open(new DbHandle(store, ledgerId), btl, config);
    }

    /** Deletes all private data of channel {@code ledgerId} (unjoin), in batches of about 1 MB of keys. */
    public void drop(String ledgerId) {
        new DbHandle(store, ledgerId).deleteAll();
    }

    private static boolean isEmpty(KeyValueStore store) {
        try (RangeIterator it = store.range(null, null)) {
            return !it.next();
        }
    }
}
