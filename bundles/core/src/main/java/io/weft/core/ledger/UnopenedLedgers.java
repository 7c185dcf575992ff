package io.weft.core.ledger;

import java.util.List;

import io.weft.api.ledger.LedgerSummary;

/** The ledgers could not be opened at all on {@code backend}: no channel serves, for {@code reason}. */
record UnopenedLedgers(String backend, String reason) implements LedgerSummary {

    @Override
    public List<ChannelHeights> ledgers() {
        return List.of();
    }

    @Override
    public List<String> problems() {
        return List.of(reason);
    }
}
