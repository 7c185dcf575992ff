package io.weft.ledger.encoding;

/** Stored bytes that do not decode; {@link #truncated()} tells a short read from corrupt content. */
public final class DecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean truncated;

    public DecodeException(String message, boolean truncated) {
        super(message);
        this.truncated = truncated;
    }

    /** The data ended before the value did (a torn write, if it is the tail of a file). */
    public boolean truncated() {
        return truncated;
    }
}
