package io.weft.acl;

/** Access was denied or could not be decided; the message is Fabric's. */
public class AclException extends Exception {

    private static final long serialVersionUID = 1L;

    public AclException(String message) {
        super(message);
    }

    public AclException(String message, Throwable cause) {
        super(message, cause);
    }
}
