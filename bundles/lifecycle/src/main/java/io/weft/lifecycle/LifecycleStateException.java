package io.weft.lifecycle;

/** Lifecycle state that cannot be read back: a corrupt or foreign value where a definition is expected. */
public class LifecycleStateException extends Exception {

    private static final long serialVersionUID = 1L;

    public LifecycleStateException(String message) {
        super(message);
    }

    public LifecycleStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
