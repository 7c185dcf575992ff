package io.weft.ledger.history;

import java.io.IOException;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Envelope;

/** Where history reads the transactions its index points at (the channel's block store). */
@FunctionalInterface
public interface TransactionSource {

    Optional<Envelope> transaction(long blockNum, long txNum) throws IOException;
}
