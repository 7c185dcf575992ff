package io.weft.runtime.cli.node;

import java.io.IOException;

import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerMaintenance;
import io.weft.runtime.cli.CliContext;

import picocli.CommandLine.Command;

/** {@code peer node upgrade-dbs}: a Fabric 1.4 ledger folder to the 2.x format. */
@Command(name = "upgrade-dbs", description = "Upgrades the databases to the current format, dropping them for a rebuild (peer offline).")
public final class NodeUpgradeDbsCommand extends OfflineLedgerCommand {

    public NodeUpgradeDbsCommand(CliContext context) {
        super(context);
    }

    @Override
    void run(LedgerLayout layout) throws IOException {
        LedgerMaintenance.upgradeDatabases(layout, storage());
    }
}
