package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer node pause}. */
@Command(name = "pause")
public final class NodePauseCommand extends PendingCommand {
}
