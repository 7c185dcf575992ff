package io.weft.runtime.cli.node;

import java.io.IOException;

import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerMaintenance;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.options.BlockNumberOption;
import io.weft.runtime.cli.options.ChannelIdOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer node rollback -c <channel> -b <block>}. */
@Command(name = "rollback", description = "Rolls back a channel to a block number (peer offline).")
public final class NodeRollbackCommand extends OfflineLedgerCommand {

    @Mixin
    private ChannelIdOption channel;

    @Mixin
    private BlockNumberOption blockNumber;

    public NodeRollbackCommand(CliContext context) {
        super(context);
    }

    @Override
    void run(LedgerLayout layout) throws IOException {
        LedgerMaintenance.rollback(layout, requireChannel(channel.channelId()), blockNumber.blockNumber());
    }
}
