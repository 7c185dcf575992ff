package io.weft.tools.cryptogen;

/** Why crypto material could not be generated; the message is one line meant for the user. */
public class CryptogenException extends Exception {

    private static final long serialVersionUID = 1L;

    public CryptogenException(String message) {
        super(message);
    }

    public CryptogenException(String message, Throwable cause) {
        super(message, cause);
    }
}
