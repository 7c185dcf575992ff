package io.weft.api.channel;

import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Block;
import org.osgi.annotation.versioning.ProviderType;

/** The channels this peer has joined. Registered while the ledgers are open. Thread-safe. */
@ProviderType
public interface PeerChannels {

    /** The joined channels, sorted. */
    List<String> channels();

    /** A joined channel. */
    Optional<ChannelView> channel(String channelId);

    /**
     * Joins the channel {@code genesis} starts: checks its configuration is one this peer can serve, creates the
     * ledger and starts committing (Fabric's {@code JoinChain}).
     *
     * @throws ChannelException with Fabric's message (e.g. the ledger already exists)
     */
    void join(Block genesis) throws ChannelException;
}
