package io.weft.runtime.cli.channel;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChannelIdOption;
import io.weft.runtime.cli.options.ConfigTxFileOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer channel update -c <channel> -f <file>}. */
@Command(name = "update", description = "Sign a config update and send it to the orderer.")
public final class ChannelUpdateCommand extends PendingCommand {

    @Mixin
    private ChannelIdOption channel;

    @Mixin
    private ConfigTxFileOption file;
}
