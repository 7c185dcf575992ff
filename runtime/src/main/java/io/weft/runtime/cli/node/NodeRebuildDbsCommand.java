package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;

/** {@code peer node rebuild-dbs}. */
@Command(name = "rebuild-dbs", description = "Drop all channels' databases so the peer rebuilds them on restart (peer offline).")
public final class NodeRebuildDbsCommand extends PendingCommand {
}
