package io.weft.api.handler;

/** A transaction does not satisfy its endorsement policy. */
public class PolicyViolationException extends Exception {

    private static final long serialVersionUID = 1L;

    public PolicyViolationException(String message) {
        super(message);
    }
}
