package io.weft.ledger.pvtdata;


import io.weft.api.storage.KeyValueStore;
import io.weft.ledger.LedgerException;
import io.weft.ledger.kv.DataFormat;
import io.weft.ledger.kv.DbHandle;

/**
 * The private data stores of all channels in one shared key-value store ({@code <ld>/pvtdataStore}),
 * each channel in its own database. The store's data format, key {@code "_" 00 "f"}, is "2.5":
 * written into an empty store, required of a non-empty one.
 */
public final class PvtDataStoreProvider {

    static final String DATA_FORMAT = "2.5";

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
        DataFormat.initOrRequire(store, DataFormat.SHARED_STORE_KEY, DATA_FORMAT, "leveldb at [" + location + "]");
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

}
