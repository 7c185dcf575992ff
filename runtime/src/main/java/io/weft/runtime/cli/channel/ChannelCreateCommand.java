package io.weft.runtime.cli.channel;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChannelIdOption;
import io.weft.runtime.cli.options.ConfigTxFileOption;
import io.weft.runtime.cli.options.GoDurationConverter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peer channel create}. */
@Command(name = "create", description = "Create a channel and write its genesis block to a file.")
public final class ChannelCreateCommand extends PendingCommand {

    @Mixin
    private ChannelIdOption channel;

    @Mixin
    private ConfigTxFileOption file;

    @Option(names = "--outputBlock", paramLabel = "<file>", description = "Where to write the genesis block (./<channelID>.block when not given)")
    private String outputBlock = "";

    @Option(names = {"-t", "--timeout"}, paramLabel = "<duration>", converter = GoDurationConverter.class,
            description = "How long to wait for the channel to be created (Go duration)")
    private String timeout = "10s";
}
