package io.weft.runtime.cli.node;

import java.io.IOException;

import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerMaintenance;
import io.weft.runtime.cli.CliContext;

import picocli.CommandLine.Command;

/** {@code peer node reset}: every channel back to its genesis block; the peer fetches the rest again. */
@Command(name = "reset", description = "Resets all channels to the genesis block (peer offline).")
public final class NodeResetCommand extends OfflineLedgerCommand {

    public NodeResetCommand(CliContext context) {
        super(context);
    }

    @Override
    void run(LedgerLayout layout) throws IOException {
        LedgerMaintenance.reset(layout);
    }
}
