package io.weft.msp;

/**
 * An MSP operation failed, or an identity was rejected. The message names the reason in Fabric's
 * words, wrapped the way Fabric wraps it ({@code outer: inner}).
 */
public class MspException extends Exception {

    private static final long serialVersionUID = 1L;

    public MspException(String message) {
        super(message);
    }

    public MspException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An outcome already known (a cached rejection), answered without a stack trace: policy evaluation asks
     * principals an identity does not satisfy on every proposal, and filling stack traces was a visible share of the
     * endorser's CPU.
     */
    static MspException known(String message) {
        return new MspException(message, null, false);
    }

    private MspException(String message, Throwable cause, boolean writableStackTrace) {
        super(message, cause, false, writableStackTrace);
    }

    /** Go's {@code errors.WithMessage(cause, message)}: {@code message: cause}. */
    public static MspException wrap(String message, Throwable cause) {
        return new MspException(message + ": " + cause.getMessage(), cause);
    }
}
