package io.weft.runtime.cli.node;

import java.io.IOException;

import io.weft.ledger.LedgerLayout;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.options.ChannelIdOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer node resume -c <channel>}. */
@Command(name = "resume", description = "Resumes a paused channel on the peer (peer offline).")
public final class NodeResumeCommand extends OfflineLedgerCommand {

    @Mixin
    private ChannelIdOption channel;

    public NodeResumeCommand(CliContext context) {
        super(context);
    }

    @Override
    void run(LedgerLayout layout) throws IOException {
        String id = requireChannel(channel.channelId());
        withLedgers(layout, ledgers -> ledgers.resume(id));
    }
}
