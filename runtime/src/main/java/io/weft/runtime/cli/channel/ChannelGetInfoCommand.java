package io.weft.runtime.cli.channel;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChannelIdOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer channel getinfo -c <channel>}. */
@Command(name = "getinfo", description = "Print the channel's height and latest block hashes.")
public final class ChannelGetInfoCommand extends PendingCommand {

    @Mixin
    private ChannelIdOption channel;
}
