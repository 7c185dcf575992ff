package io.weft.runtime.cli.snapshot;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.BlockNumberOption;
import io.weft.runtime.cli.options.ChannelIdOption;
import io.weft.runtime.cli.options.SnapshotPeerOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer snapshot cancelrequest}. */
@Command(name = "cancelrequest", description = "Cancel a pending snapshot request.")
public final class SnapshotCancelRequestCommand extends PendingCommand {

    @Mixin
    private ChannelIdOption channel;

    @Mixin
    private BlockNumberOption blockNumber;

    @Mixin
    private SnapshotPeerOptions peer;
}
