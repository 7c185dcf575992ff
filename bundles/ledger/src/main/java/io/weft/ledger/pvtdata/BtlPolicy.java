package io.weft.ledger.pvtdata;

/**
 * The block-to-live of private data collections, as the collection configurations define it.
 * Private data committed in block {@code b} expires when block {@code b + btl + 1} is committed.
 */
@FunctionalInterface
public interface BtlPolicy {

    /** Marks "never expires" in {@link #expiringBlock}; Fabric's {@code math.MaxUint64}. */
    long NEVER = -1L;

    /**
     * The configured {@code block_to_live} of a collection; {@code 0} means the data never expires.
     *
     * @throws io.weft.ledger.LedgerException when the collection is not defined
     */
    long btl(String namespace, String collection);

    /** The block whose commit expires data of the collection committed in {@code committingBlock}. */
    default long expiringBlock(String namespace, String collection, long committingBlock) {
        long btl = btl(namespace, collection);
        if (btl == 0) {
            return NEVER;
        }
        long expiring = committingBlock + btl + 1;
        // unsigned overflow past 2^64 - 1 means never, as in Fabric
        return Long.compareUnsigned(expiring, committingBlock) <= 0 ? NEVER : expiring;
    }

    /** Whether data of the collection committed in {@code committingBlock} is expired once {@code lastBlock} is. */
    default boolean isExpired(String namespace, String collection, long committingBlock, long lastBlock) {
        return Long.compareUnsigned(lastBlock, expiringBlock(namespace, collection, committingBlock)) >= 0;
    }
}
