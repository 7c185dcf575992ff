package io.weft.tools.protolator;

/** A message or JSON document that cannot be translated in Fabric's JSON form. */
public class ProtolatorException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProtolatorException(String message) {
        super(message);
    }

    public ProtolatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
