package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer node reset}: offline; every channel back to its genesis block. */
@Command(name = "reset", description = "Reset all channels to their genesis block (peer offline).")
public final class NodeResetCommand extends PendingCommand {
}
