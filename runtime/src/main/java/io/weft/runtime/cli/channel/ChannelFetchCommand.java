package io.weft.runtime.cli.channel;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChannelIdOption;
import io.weft.runtime.cli.options.GoBoolConverter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code peer channel fetch <newest|oldest|config|N> [outputfile]}: from the orderer when {@code -o}
 * is given, else from the peer.
 */
@Command(name = "fetch", description = "Fetch a block and write it to a file.")
public final class ChannelFetchCommand extends PendingCommand {

    @Mixin
    private ChannelIdOption channel;

    @Option(names = "--bestEffort", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Ignore delivery errors and return what blocks there are")
    private boolean bestEffort;

    // checked when the command runs, as Fabric does ("fetch target illegal: <arg>")
    @Parameters(index = "0", paramLabel = "<newest|oldest|config|N>", description = "Which block to fetch")
    private String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<outputfile>",
            description = "Where to write the block (<channelID>_<target>.block when not given)")
    private String outputFile;
}
