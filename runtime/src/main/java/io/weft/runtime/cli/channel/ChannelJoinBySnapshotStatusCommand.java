package io.weft.runtime.cli.channel;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer channel joinbysnapshotstatus}. */
@Command(name = "joinbysnapshotstatus", description = "Tell whether a joinbysnapshot is in progress.")
public final class ChannelJoinBySnapshotStatusCommand extends PendingCommand {
}
