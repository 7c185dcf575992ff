package io.weft.runtime.cli.channel;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peer channel join -b <genesis block>}. */
@Command(name = "join", description = "Join the peer to a channel.")
public final class ChannelJoinCommand extends PendingCommand {

    @Option(names = {"-b", "--blockpath"}, paramLabel = "<file>", description = "The channel's genesis block file")
    private String blockPath = "";
}
