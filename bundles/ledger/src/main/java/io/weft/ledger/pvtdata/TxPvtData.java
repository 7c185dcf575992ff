package io.weft.ledger.pvtdata;

import java.util.Objects;

import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;

/** The private write set of the transaction at {@code seqInBlock} of a block. */
public record TxPvtData(long seqInBlock, TxPvtReadWriteSet writeSet) {

    public TxPvtData {
        Objects.requireNonNull(writeSet, "writeSet");
    }
}
