package io.weft.ledger;

/** A channel ledger's status in the idStore, with Fabric's numbers ({@code msgs.Status}). */
public enum LedgerStatus {
    ACTIVE,
    INACTIVE,
    UNDER_CONSTRUCTION,
    UNDER_DELETION;

    static LedgerStatus ofNumber(long number) {
        if (number < 0 || number >= values().length) {
            throw new LedgerException("unknown ledger status " + number);
        }
        return values()[(int) number];
    }
}
