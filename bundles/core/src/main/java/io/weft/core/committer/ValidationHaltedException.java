package io.weft.core.committer;

/**
 * The peer cannot decide a block's validity now (a validation plugin is missing or failed to execute, the lifecycle
 * state cannot be read, a config transaction cannot be applied): nothing is committed, and the same block must be
 * retried once the cause is fixed. Marking the transactions invalid instead would let this peer's ledger fork from
 * peers that can decide them (Fabric stops the channel the same way).
 */
public class ValidationHaltedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ValidationHaltedException(String message) {
        super(message);
    }

    public ValidationHaltedException(String message, Throwable cause) {
        super(message, cause);
    }
}
