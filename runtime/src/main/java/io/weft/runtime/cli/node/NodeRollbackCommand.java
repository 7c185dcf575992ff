package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer node rollback}. */
@Command(name = "rollback")
public final class NodeRollbackCommand extends PendingCommand {
}
