package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer node upgrade-dbs}. */
@Command(name = "upgrade-dbs", description = "Upgrade the databases to the current format, or drop them for a rebuild (peer offline).")
public final class NodeUpgradeDbsCommand extends PendingCommand {
}
