package io.weft.bccsp;

import java.util.List;

import io.weft.bccsp.internal.Der;
import io.weft.bccsp.internal.DerException;

/** Encoding and decoding of EC {@code SubjectPublicKeyInfo}, as Go's {@code x509} package reads it. */
final class SubjectPublicKeyInfos {

    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

    private SubjectPublicKeyInfos() {
    }

    /** A decoded key: its algorithm, and for EC keys the curve (null if unknown) and point. */
    record Decoded(String algorithm, String curveOid, byte[] point) {
    }

    static byte[] encode(EcCurve curve, byte[] point) {
        byte[] algId = Der.encode(Der.SEQUENCE, Der.concat(Oids.encode(EC_PUBLIC_KEY), Oids.encode(curve.oid())));
        byte[] bits = Der.encode(Der.BIT_STRING, Der.concat(new byte[] {0}, point));
        return Der.encode(Der.SEQUENCE, Der.concat(algId, bits));
    }

    static Decoded decode(byte[] spki) throws DerException {
        Der.Tlv outer = Der.readWhole(spki, 0, spki.length);
        if (outer.tag() != Der.SEQUENCE) {
            throw new DerException("x509: malformed public key");
        }
        List<Der.Tlv> parts = Der.children(spki, outer);
        if (parts.size() != 2 || parts.get(0).tag() != Der.SEQUENCE || parts.get(1).tag() != Der.BIT_STRING) {
            throw new DerException("x509: malformed public key");
        }
        List<Der.Tlv> alg = Der.children(spki, parts.get(0));
        if (alg.isEmpty() || alg.get(0).tag() != Der.OID) {
            throw new DerException("x509: malformed public key algorithm identifier");
        }
        String algorithm = Oids.decode(spki, alg.get(0));
        Der.Tlv bits = parts.get(1);
        if (bits.contentLength() < 1 || spki[bits.contentStart()] != 0) {
            throw new DerException("x509: malformed public key");
        }
        byte[] key = java.util.Arrays.copyOfRange(spki, bits.contentStart() + 1, bits.end());
        String curve = null;
        if (EC_PUBLIC_KEY.equals(algorithm) && alg.size() > 1 && alg.get(1).tag() == Der.OID) {
            curve = Oids.decode(spki, alg.get(1));
        }
        return new Decoded(algorithm, curve, key);
    }
}
