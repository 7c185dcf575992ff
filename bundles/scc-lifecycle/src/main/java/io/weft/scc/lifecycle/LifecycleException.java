package io.weft.scc.lifecycle;

/** A lifecycle function failed; the message is Fabric's, wrapped as Fabric wraps it ({@code outer: inner}). */
class LifecycleException extends Exception {

    private static final long serialVersionUID = 1L;

    LifecycleException(String message) {
        super(message);
    }

    LifecycleException(String message, Throwable cause) {
        super(message, cause);
    }

    /** This failure with {@code context} in front, as Go's {@code errors.WithMessage}. */
    LifecycleException wrap(String context) {
        return new LifecycleException(context + ": " + getMessage(), this);
    }
}
