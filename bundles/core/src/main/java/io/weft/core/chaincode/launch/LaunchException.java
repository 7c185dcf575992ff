package io.weft.core.chaincode.launch;

/** A chaincode could not be built, released or started; the message is Fabric's, wrapped as Fabric wraps it. */
public final class LaunchException extends Exception {

    private static final long serialVersionUID = 1L;

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }

    LaunchException wrap(String context) {
        return new LaunchException(context + ": " + getMessage(), this);
    }
}
