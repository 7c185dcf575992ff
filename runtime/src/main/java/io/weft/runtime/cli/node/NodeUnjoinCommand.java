package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer node unjoin}. */
@Command(name = "unjoin")
public final class NodeUnjoinCommand extends PendingCommand {
}
