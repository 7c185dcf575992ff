package io.weft.runtime.cli.node;

import picocli.CommandLine.Command;

/** {@code peer node}: Fabric 2.5's node commands plus 1.4's {@code status}. */
@Command(name = "node", description = "Operate a peer node: start|status|reset|rollback|pause|resume|rebuild-dbs|unjoin|upgrade-dbs.",
        subcommands = {NodeStartCommand.class, NodeStatusCommand.class, NodeResetCommand.class, NodeRollbackCommand.class,
            NodeRebuildDbsCommand.class, NodeUpgradeDbsCommand.class, NodePauseCommand.class, NodeResumeCommand.class,
            NodeUnjoinCommand.class})
public final class NodeCommand {
}
