package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChannelIdOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer node pause -c <channel>}. */
@Command(name = "pause", description = "Pause a channel: the restarted peer no longer receives its blocks (peer offline).")
public final class NodePauseCommand extends PendingCommand {

    @Mixin
    private ChannelIdOption channel;
}
