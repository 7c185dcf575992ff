package io.weft.api.channel;

/** A channel operation failed; the message is the one to show the client. */
public class ChannelException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChannelException(String message) {
        super(message);
    }

    public ChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
