package io.weft.scc.lscc;

/** A legacy chaincode package could not be read, checked or stored; the message is Fabric's. */
final class LegacyPackageException extends Exception {

    private static final long serialVersionUID = 1L;

    LegacyPackageException(String message) {
        super(message);
    }

    LegacyPackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
