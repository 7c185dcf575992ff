package io.weft.runtime.cli.snapshot;

import picocli.CommandLine.Command;

/** {@code peer snapshot}: no persistent flags; each verb names its one peer with --peerAddress. */
@Command(name = "snapshot", description = "Manage snapshot requests: submitrequest|cancelrequest|listpending.",
        subcommands = {SnapshotSubmitRequestCommand.class, SnapshotCancelRequestCommand.class, SnapshotListPendingCommand.class})
public final class SnapshotCommand {
}
