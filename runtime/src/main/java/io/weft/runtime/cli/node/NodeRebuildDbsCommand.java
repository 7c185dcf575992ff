package io.weft.runtime.cli.node;

import java.io.IOException;

import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerMaintenance;
import io.weft.runtime.cli.CliContext;

import picocli.CommandLine.Command;

/** {@code peer node rebuild-dbs}. */
@Command(name = "rebuild-dbs", description = "Drops the databases of all channels; the peer rebuilds them at start (peer offline).")
public final class NodeRebuildDbsCommand extends OfflineLedgerCommand {

    public NodeRebuildDbsCommand(CliContext context) {
        super(context);
    }

    @Override
    void run(LedgerLayout layout) throws IOException {
        LedgerMaintenance.rebuildDatabases(layout);
    }
}
