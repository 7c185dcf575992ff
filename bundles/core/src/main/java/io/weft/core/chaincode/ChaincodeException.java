package io.weft.core.chaincode;

/** A chaincode execution that could not complete (not running, timeout, stream lost, duplicate transaction). */
public final class ChaincodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChaincodeException(String message) {
        super(message);
    }
}
