package io.weft.runtime.cli.node;

import java.io.IOException;

import io.weft.ledger.LedgerLayout;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.options.ChannelIdOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer node pause -c <channel>}. */
@Command(name = "pause", description = "Pauses a channel on the peer: the restarted peer does not receive its blocks (peer offline).")
public final class NodePauseCommand extends OfflineLedgerCommand {

    @Mixin
    private ChannelIdOption channel;

    public NodePauseCommand(CliContext context) {
        super(context);
    }

    @Override
    void run(LedgerLayout layout) throws IOException {
        String id = requireChannel(channel.channelId());
        withLedgers(layout, ledgers -> ledgers.pause(id));
    }
}
