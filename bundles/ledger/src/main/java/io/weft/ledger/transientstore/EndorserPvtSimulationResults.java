package io.weft.ledger.transientstore;

import org.hyperledger.fabric.protos.transientstore.TxPvtReadWriteSetWithConfigInfo;

/** One endorser's private simulation results for a transaction, with the height it was received at. */
public record EndorserPvtSimulationResults(long receivedAtBlockHeight,
        TxPvtReadWriteSetWithConfigInfo pvtSimulationResultsWithConfig) {
}
