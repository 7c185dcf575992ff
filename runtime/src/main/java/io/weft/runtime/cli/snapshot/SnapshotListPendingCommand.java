package io.weft.runtime.cli.snapshot;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChannelIdOption;
import io.weft.runtime.cli.options.SnapshotPeerOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer snapshot listpending}. */
@Command(name = "listpending", description = "List the block numbers of pending snapshot requests.")
public final class SnapshotListPendingCommand extends PendingCommand {

    @Mixin
    private ChannelIdOption channel;

    @Mixin
    private SnapshotPeerOptions peer;
}
