package io.weft.runtime.cli.channel;

import io.weft.runtime.cli.options.OrdererOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer channel}. */
@Command(name = "channel",
        description = "Operate a channel: create|fetch|join|joinbysnapshot|joinbysnapshotstatus|list|update|signconfigtx|getinfo.",
        subcommands = {ChannelCreateCommand.class, ChannelFetchCommand.class, ChannelJoinCommand.class,
            ChannelJoinBySnapshotCommand.class, ChannelJoinBySnapshotStatusCommand.class, ChannelListCommand.class,
            ChannelUpdateCommand.class, ChannelSignConfigTxCommand.class, ChannelGetInfoCommand.class})
public final class ChannelCommand {

    @Mixin
    private OrdererOptions orderer;

    public OrdererOptions orderer() {
        return orderer;
    }
}
