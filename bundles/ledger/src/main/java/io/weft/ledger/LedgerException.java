package io.weft.ledger;

/** A ledger operation that cannot be done: Fabric's message for it, and the cause if any. */
public class LedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
