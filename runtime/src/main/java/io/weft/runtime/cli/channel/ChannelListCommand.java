package io.weft.runtime.cli.channel;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer channel list}. */
@Command(name = "list", description = "List the channels the peer has joined.")
public final class ChannelListCommand extends PendingCommand {
}
