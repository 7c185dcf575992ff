package io.weft.bccsp;

import io.weft.bccsp.internal.Der;
import io.weft.bccsp.internal.DerException;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** Object identifier encoding, through BouncyCastle's implementation. */
final class Oids {

    private Oids() {
    }

    static byte[] encode(String oid) {
        try {
            return new ASN1ObjectIdentifier(oid).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(oid, e);
        }
    }

    static String decode(byte[] buf, Der.Tlv t) throws DerException {
        try {
            return ASN1ObjectIdentifier.getInstance(t.element(buf)).getId();
        } catch (IllegalArgumentException e) {
            throw new DerException("asn1: syntax error: invalid object identifier");
        }
    }
}
