package io.weft.core.committer;

import java.util.Objects;

import io.weft.ledger.transientstore.TransientStore;

/**
 * What a channel's committer needs to commit private data (Fabric's private data coordinator, without gossip).
 *
 * @param transientStore          the channel's transient store, where endorsements left their private write sets
 * @param membership              the peer's membership of collections, deciding which private data it keeps
 * @param transientBlockRetention {@code peer.gossip.pvtData.transientstoreMaxBlockRetention}: how many blocks
 *                                results of transactions that never committed stay in the transient store
 */
public record PrivateDataSupport(TransientStore transientStore, CollectionMembership membership,
        long transientBlockRetention) {

    /** Fabric's default of {@code peer.gossip.pvtData.transientstoreMaxBlockRetention}. */
    public static final long DEFAULT_TRANSIENT_BLOCK_RETENTION = 1000;

    public PrivateDataSupport {
        Objects.requireNonNull(transientStore, "transientStore");
        Objects.requireNonNull(membership, "membership");
        if (transientBlockRetention <= 0) {
            throw new IllegalArgumentException("transientBlockRetention must be positive, was " + transientBlockRetention);
        }
    }
}
