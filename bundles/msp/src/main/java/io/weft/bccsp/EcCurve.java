package io.weft.bccsp;

import java.math.BigInteger;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/** The NIST curves Go's {@code crypto/elliptic} knows, which are the ones Fabric accepts. */
public enum EcCurve {
    P224("P-224", "1.3.132.0.33", "secp224r1"),
    P256("P-256", "1.2.840.10045.3.1.7", "secp256r1"),
    P384("P-384", "1.3.132.0.34", "secp384r1"),
    P521("P-521", "1.3.132.0.35", "secp521r1");

    private final String curveName;
    private final String oid;
    private final ECDomainParameters domain;
    private final BigInteger halfOrder;
    private final int fieldBytes;

    EcCurve(String curveName, String oid, String secName) {
        this.curveName = curveName;
        this.oid = oid;
        // BouncyCastle's custom curve implementations: far faster than the generic Fp arithmetic.
        X9ECParameters x9 = CustomNamedCurves.getByOID(new ASN1ObjectIdentifier(oid));
        if (x9 == null) {
            throw new ExceptionInInitializerError("no BouncyCastle parameters for " + secName);
        }
        this.domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
        this.halfOrder = x9.getN().shiftRight(1);
        this.fieldBytes = (x9.getCurve().getFieldSize() + 7) / 8;
    }

    /** Go's curve name, e.g. {@code P-256}. */
    public String curveName() {
        return curveName;
    }

    /** The named-curve object identifier. */
    public String oid() {
        return oid;
    }

    /** The group order n. */
    public BigInteger order() {
        return domain.getN();
    }

    /** n/2 (rounded down): the largest S Fabric accepts. */
    public BigInteger halfOrder() {
        return halfOrder;
    }

    /** Length in bytes of a field element (a coordinate). */
    public int fieldBytes() {
        return fieldBytes;
    }

    ECDomainParameters domain() {
        return domain;
    }

    /** The curve with that named-curve object identifier. */
    public static Optional<EcCurve> byOid(String oid) {
        for (EcCurve c : values()) {
            if (c.oid.equals(oid)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
