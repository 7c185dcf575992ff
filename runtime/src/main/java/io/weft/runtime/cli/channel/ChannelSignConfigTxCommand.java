package io.weft.runtime.cli.channel;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ConfigTxFileOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer channel signconfigtx -f <file>}: signs the file in place. */
@Command(name = "signconfigtx", description = "Add the local MSP's signature to a config update file, in place.")
public final class ChannelSignConfigTxCommand extends PendingCommand {

    @Mixin
    private ConfigTxFileOption file;
}
