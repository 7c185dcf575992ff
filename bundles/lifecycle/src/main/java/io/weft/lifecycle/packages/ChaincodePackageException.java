package io.weft.lifecycle.packages;

/** A chaincode package that cannot be read, built or stored; the message is the one Fabric gives. */
public class ChaincodePackageException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChaincodePackageException(String message) {
        super(message);
    }

    public ChaincodePackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
