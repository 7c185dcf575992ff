package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer node status} (Fabric 1.4). */
@Command(name = "status", description = "Returns status of the node.")
public final class NodeStatusCommand extends PendingCommand {
}
