package io.weft.core.committer;

/** A block that must not be committed; the message is Fabric's. */
public class BlockVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    public BlockVerificationException(String message) {
        super(message);
    }

    public BlockVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
