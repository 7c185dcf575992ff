package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer node reset}. */
@Command(name = "reset")
public final class NodeResetCommand extends PendingCommand {
}
