package io.weft.bccsp;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.weft.bccsp.internal.Der;
import io.weft.bccsp.internal.DerException;

/**
 * An ECDSA signature {@code (r, s)} and its DER form {@code SEQUENCE { r INTEGER, s INTEGER }}.
 *
 * @param r the r value
 * @param s the s value
 */
public record EcdsaSignature(BigInteger r, BigInteger s) {

    public EcdsaSignature {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
    }

    /**
     * Parses a signature as Fabric's {@code utils.UnmarshalECDSASignature} does (Go's
     * {@code encoding/asn1}: DER integers, but bytes after the sequence and extra elements inside it
     * are ignored), then requires r and s to be positive.
     */
    public static EcdsaSignature fromDer(byte[] der) throws BccspException {
        Objects.requireNonNull(der, "der");
        BigInteger r;
        BigInteger s;
        try {
            Der.Tlv seq = Der.read(der, 0, der.length, Der.SEQUENCE);
            Der.Tlv rt = Der.read(der, seq.contentStart(), seq.end());
            r = Der.integer(der, rt);
            Der.Tlv st = Der.read(der, rt.end(), seq.end());
            s = Der.integer(der, st);
        } catch (DerException e) {
            throw new BccspException("failed unmashalling signature [" + e.getMessage() + "]");
        }
        if (r.signum() != 1) {
            throw new BccspException("invalid signature, R must be larger than zero");
        }
        if (s.signum() != 1) {
            throw new BccspException("invalid signature, S must be larger than zero");
        }
        return new EcdsaSignature(r, s);
    }

    /**
     * Parses a signature as Go's {@code ecdsa.VerifyASN1} does for X.509 signatures: exactly one
     * sequence of exactly two integers, nothing after it. Empty if malformed.
     */
    public static Optional<EcdsaSignature> fromStrictDer(byte[] der) {
        Objects.requireNonNull(der, "der");
        try {
            Der.Tlv seq = Der.read(der, 0, der.length, Der.SEQUENCE);
            if (seq.end() != der.length) {
                return Optional.empty();
            }
            List<Der.Tlv> ints = Der.children(der, seq);
            if (ints.size() != 2) {
                return Optional.empty();
            }
            return Optional.of(new EcdsaSignature(Der.integer(der, ints.get(0)), Der.integer(der, ints.get(1))));
        } catch (DerException e) {
            return Optional.empty();
        }
    }

    /** The canonical DER encoding (Go's {@code utils.MarshalECDSASignature}). */
    public byte[] toDer() {
        return Der.encode(Der.SEQUENCE, Der.concat(Der.encodeInteger(r), Der.encodeInteger(s)));
    }

    /** Whether s is at most half the curve order, the only form Fabric accepts. */
    public boolean isLowS(EcCurve curve) {
        return s.compareTo(curve.halfOrder()) <= 0;
    }

    /** This signature with s replaced by n − s when s is above half the order. */
    public EcdsaSignature toLowS(EcCurve curve) {
        return isLowS(curve) ? this : new EcdsaSignature(r, curve.order().subtract(s));
    }

    /**
     * Fabric's {@code utils.SignatureToLowS}: parses {@code der}, normalises s and re-encodes it
     * canonically.
     */
    public static byte[] toLowS(EcCurve curve, byte[] der) throws BccspException {
        return fromDer(der).toLowS(curve).toDer();
    }
}
