package io.weft.runtime.cli.channel;

import picocli.CommandLine.Command;

/** {@code peer channel}. */
@Command(name = "channel", subcommands = {})
public final class ChannelCommand {
}
