package io.weft.lifecycle.legacy;

/** A legacy chaincode package could not be read, checked or stored; the message is Fabric's. */
public final class LegacyPackageException extends Exception {

    private static final long serialVersionUID = 1L;

    public LegacyPackageException(String message) {
        super(message);
    }

    public LegacyPackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
