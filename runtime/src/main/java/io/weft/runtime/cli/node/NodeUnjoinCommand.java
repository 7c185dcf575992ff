package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChannelIdOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer node unjoin -c <channel>}. */
@Command(name = "unjoin", description = "Remove the peer from a channel (peer offline).")
public final class NodeUnjoinCommand extends PendingCommand {

    @Mixin
    private ChannelIdOption channel;
}
