package io.weft.ledger.pvtdata;

/**
 * Settings of the private data store, from {@code ledger.pvtdataStore} in {@code core.yaml}.
 *
 * @param purgeInterval blocks between purges of expired data ({@code purgeInterval}, default 100)
 * @param collElgProcMaxDbBatchSize missing-data entries moved per batch when collections become
 *        eligible ({@code collElgProcMaxDbBatchSize}, default 5000)
 */
public record PvtDataConfig(int purgeInterval, int collElgProcMaxDbBatchSize) {

    public static final PvtDataConfig DEFAULT = new PvtDataConfig(100, 5000);

    public PvtDataConfig {
        if (purgeInterval <= 0) {
            throw new IllegalArgumentException("purgeInterval must be positive: " + purgeInterval);
        }
        if (collElgProcMaxDbBatchSize <= 0) {
            throw new IllegalArgumentException("collElgProcMaxDbBatchSize must be positive: "
                    + collElgProcMaxDbBatchSize);
        }
    }

    public PvtDataConfig withPurgeInterval(int interval) {
        return new PvtDataConfig(interval, collElgProcMaxDbBatchSize);
    }
}
