package io.weft.core.committer;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Block;

import io.weft.channelconfig.ChannelConfigException;

/**
 * The committers of the peer's joined channels: where blocks from the orderer (or a joining admin) enter, and where
 * block-event subscribers attach. Registered while the ledgers are open.
 */
public interface ChannelCommitters {

    /** The committer of {@code channel}, if the peer has joined it and its configuration loaded. */
    Optional<BlockCommitter> committer(String channel);

    /** The channels with a committer, sorted. */
    List<String> channels();

    /**
     * Tells {@code listener} of every channel's committer: at once of those there are, then of each channel joined
     * later (on the joining thread). Closing the returned handle stops it.
     */
    AutoCloseable onChannel(java.util.function.Consumer<BlockCommitter> listener);

    /**
     * Joins the channel {@code genesis} starts: creates its ledger and its committer (Fabric's {@code JoinChain}).
     *
     * @throws io.weft.ledger.LedgerException when the channel's ledger already exists
     * @throws ChannelConfigException when the genesis config is not one this peer can serve
     */
    BlockCommitter joinChannel(Block genesis) throws IOException, ChannelConfigException;
}
