package io.weft.deliver;

import java.io.IOException;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Block;
import org.osgi.annotation.versioning.ConsumerType;

import io.weft.channelconfig.ChannelConfig;

/**
 * A channel's blocks as Deliver reads them (Fabric's deliver {@code Chain}): its current config, its height, its
 * stored blocks and a signal when the height grows. Blocks are always read from the store, never carried by the
 * signal, so a slow client costs the writer nothing.
 */
@ConsumerType
public interface BlockSource {

    /** The channel's id. */
    String id();

    /** The channel's current config, whose sequence drives the access re-checks. */
    ChannelConfig config();

    /** The number of blocks stored. */
    long height();

    /** Block {@code number}; empty when it is not stored (yet). */
    Optional<Block> block(long number) throws IOException;

    /**
     * Runs {@code heightChanged} after each block is stored, until the returned handle is closed. It runs on the
     * writing thread and only signals; it never blocks.
     */
    AutoCloseable onHeightChange(Runnable heightChanged);

    /**
     * Whether the channel stopped for good (Fabric's {@code Errored}): requests waiting for blocks then answer
     * SERVICE_UNAVAILABLE. Never, unless the source says so.
     */
    default boolean errored() {
        return false;
    }
}
