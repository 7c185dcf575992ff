package io.weft.bccsp;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An ECDSA public key, parsed once. Keeping this object (rather than the encoded key) is what makes
 * verification fast: BouncyCastle caches its per-point precomputation on the point it holds.
 */
public final class EcPublicKey {

    private final EcCurve curve;
    private final byte[] encodedPoint;
    private final byte[] ski;
    private final ECPublicKeyParameters parameters;
    private volatile PublicKey jca;
    private volatile Object engineKey;

    EcPublicKey(EcCurve curve, ECPoint point) {
        this.curve = Objects.requireNonNull(curve, "curve");
        ECPoint normalized = point.normalize();
        this.parameters = new ECPublicKeyParameters(normalized, curve.domain());
        this.encodedPoint = normalized.getEncoded(false);
        this.ski = HashAlgorithm.SHA256.digest(encodedPoint);
    }

    /** The curve. */
    public EcCurve curve() {
        return curve;
    }

    /** The uncompressed point {@code 04 || X || Y}. */
    public byte[] encodedPoint() {
        return encodedPoint.clone();
    }

    /** Fabric's subject key identifier: SHA-256 of the uncompressed point. */
    public byte[] ski() {
        return ski.clone();
    }

    /** The affine X coordinate. */
    public BigInteger x() {
        return parameters.getQ().getAffineXCoord().toBigInteger();
    }

    /** The affine Y coordinate. */
    public BigInteger y() {
        return parameters.getQ().getAffineYCoord().toBigInteger();
    }

    /** DER {@code SubjectPublicKeyInfo}. */
    public byte[] subjectPublicKeyInfo() {
        return SubjectPublicKeyInfos.encode(curve, encodedPoint);
    }

    /** The same key as a JCA key of the JDK's provider. */
    public PublicKey toJca() {
        PublicKey k = jca;
        if (k == null) {
            try {
                k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot represent a " + curve.curveName() + " key", e);
            }
            jca = k;
        }
        return k;
    }

    ECPublicKeyParameters parameters() {
        return parameters;
    }

    byte[] skiUnsafe() {
        return ski;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcPublicKey k && k.curve == curve && Arrays.equals(k.encodedPoint, encodedPoint);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encodedPoint);
    }

    @Override
    public String toString() {
        return "EcPublicKey[" + curve.curveName() + ", ski=" + HexFormat.of().formatHex(ski) + "]";
    }

    /** The ECDSA engine's own form of this key (e.g. a native handle), made on first use and kept with the key. */
    Object engineKey() {
        return engineKey;
    }

    void engineKey(Object key) {
        engineKey = key;
    }
}
