package io.weft.bccsp.internal;

/** Malformed DER; the message follows Go's {@code encoding/asn1} wording where one exists. */
public final class DerException extends Exception {

    private static final long serialVersionUID = 1L;

    public DerException(String message) {
        super(message);
    }
}
