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

    /** Go's {@code errors.WithMessage(cause, message)}: {@code message: cause}. */
    public static MspException wrap(String message, Throwable cause) {
        return new MspException(message + ": " + cause.getMessage(), cause);
    }
}
