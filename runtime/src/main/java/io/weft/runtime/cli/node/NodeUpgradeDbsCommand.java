package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer node upgrade-dbs}. */
@Command(name = "upgrade-dbs")
public final class NodeUpgradeDbsCommand extends PendingCommand {
}
