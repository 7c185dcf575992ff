package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer node rebuild-dbs}. */
@Command(name = "rebuild-dbs")
public final class NodeRebuildDbsCommand extends PendingCommand {
}
