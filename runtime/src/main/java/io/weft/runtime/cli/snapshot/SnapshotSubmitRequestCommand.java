package io.weft.runtime.cli.snapshot;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.BlockNumberOption;
import io.weft.runtime.cli.options.ChannelIdOption;
import io.weft.runtime.cli.options.SnapshotPeerOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer snapshot submitrequest}: {@code -b 0} (the default) means the last committed block. */
@Command(name = "submitrequest", description = "Request a snapshot of a channel at a block.")
public final class SnapshotSubmitRequestCommand extends PendingCommand {

    @Mixin
    private ChannelIdOption channel;

    @Mixin
    private BlockNumberOption blockNumber;

    @Mixin
    private SnapshotPeerOptions peer;
}
