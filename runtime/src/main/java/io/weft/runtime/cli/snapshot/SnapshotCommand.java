package io.weft.runtime.cli.snapshot;

import picocli.CommandLine.Command;

/** {@code peer snapshot}. */
@Command(name = "snapshot", subcommands = {})
public final class SnapshotCommand {
}
