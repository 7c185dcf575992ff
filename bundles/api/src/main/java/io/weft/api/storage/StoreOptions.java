package io.weft.api.storage;

/**
 * How to open a store.
 *
 * @param createIfMissing create an empty store when none exists (Fabric always opens this way)
 */
public record StoreOptions(boolean createIfMissing) {

    private static final StoreOptions DEFAULTS = new StoreOptions(true);

    /** Create when missing, as Fabric's ledger does. */
    public static StoreOptions defaults() {
        return DEFAULTS;
    }
}
