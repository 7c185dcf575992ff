package io.weft.core.committer;

/** Internal signal of a failed check; the caller maps it to the stage's validation code. */
final class TxCheckFailure extends Exception {

    private static final long serialVersionUID = 1L;

    TxCheckFailure(String message) {
        super(message, null, false, false);
    }
}
