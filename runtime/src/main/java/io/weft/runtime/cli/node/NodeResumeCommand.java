package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer node resume}. */
@Command(name = "resume")
public final class NodeResumeCommand extends PendingCommand {
}
