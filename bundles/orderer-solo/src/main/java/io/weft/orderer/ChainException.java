package io.weft.orderer;

/** A chain could not be created, reopened or removed; the message names the channel. */
public final class ChainException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
