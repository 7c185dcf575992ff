package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.BlockNumberOption;
import io.weft.runtime.cli.options.ChannelIdOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer node rollback -c <channel> -b <block>}. */
@Command(name = "rollback", description = "Roll a channel back to a block number (peer offline).")
public final class NodeRollbackCommand extends PendingCommand {

    @Mixin
    private ChannelIdOption channel;

    @Mixin
    private BlockNumberOption blockNumber;
}
