package io.weft.runtime.cli.node;

import java.io.IOException;

import io.weft.ledger.LedgerLayout;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.options.ChannelIdOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer node unjoin -c <channel>}. */
@Command(name = "unjoin", description = "Unjoins the peer from a channel, removing its ledger and transient data (peer offline).")
public final class NodeUnjoinCommand extends OfflineLedgerCommand {

    @Mixin
    private ChannelIdOption channel;

    public NodeUnjoinCommand(CliContext context) {
        super(context);
    }

    @Override
    void run(LedgerLayout layout) throws IOException {
        String id = requireChannel(channel.channelId());
        withLedgers(layout, ledgers -> ledgers.unjoin(id));
    }
}
