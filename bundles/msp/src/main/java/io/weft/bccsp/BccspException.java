package io.weft.bccsp;

/** A crypto operation failed; the message uses Fabric's wording where Fabric has one. */
public class BccspException extends Exception {

    private static final long serialVersionUID = 1L;

    public BccspException(String message) {
        super(message);
    }

    public BccspException(String message, Throwable cause) {
        super(message, cause);
    }
}
