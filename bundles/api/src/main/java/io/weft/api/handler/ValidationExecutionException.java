package io.weft.api.handler;

/**
 * A validation plugin could not reach a decision (Fabric's {@code ExecutionFailureError}); the
 * block is not committed and the channel stops processing blocks until the cause is fixed.
 */
public class ValidationExecutionException extends Exception {

    private static final long serialVersionUID = 1L;

    public ValidationExecutionException(String message) {
        super(message);
    }

    public ValidationExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
