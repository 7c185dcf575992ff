package io.weft.lifecycle;

/** No lifecycle defines the chaincode: transactions that need its definition are invalid, not the block. */
public class ChaincodeNotDefinedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChaincodeNotDefinedException(String message) {
        super(message);
    }
}
