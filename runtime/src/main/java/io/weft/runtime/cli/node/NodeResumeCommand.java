package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChannelIdOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer node resume -c <channel>}. */
@Command(name = "resume", description = "Resume a paused channel (peer offline).")
public final class NodeResumeCommand extends PendingCommand {

    @Mixin
    private ChannelIdOption channel;
}
