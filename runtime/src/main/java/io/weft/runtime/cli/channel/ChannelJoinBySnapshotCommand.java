package io.weft.runtime.cli.channel;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peer channel joinbysnapshot --snapshotpath <dir>}. */
@Command(name = "joinbysnapshot", description = "Join the peer to a channel from a ledger snapshot.")
public final class ChannelJoinBySnapshotCommand extends PendingCommand {

    @Option(names = "--snapshotpath", paramLabel = "<dir>", description = "The snapshot directory")
    private String snapshotPath = "";
}
