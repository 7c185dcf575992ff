package io.weft.api.handler;

/** An endorsement plugin could not endorse a proposal. */
public class EndorsementException extends Exception {

    private static final long serialVersionUID = 1L;

    public EndorsementException(String message) {
        super(message);
    }

    public EndorsementException(String message, Throwable cause) {
        super(message, cause);
    }
}
