package io.weft.api.chaincode;

/** A package could not be installed or read; the message is Fabric's. */
public class PackageException extends Exception {

    private static final long serialVersionUID = 1L;

    public PackageException(String message) {
        super(message);
    }

    public PackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
