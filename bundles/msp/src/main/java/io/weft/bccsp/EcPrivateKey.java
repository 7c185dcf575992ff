package io.weft.bccsp;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.util.Objects;

import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** An ECDSA private key with its public key. */
public final class EcPrivateKey {

    private final EcCurve curve;
    private final ECPrivateKeyParameters parameters;
    private final EcPublicKey publicKey;
    private volatile Object engineKey;

    EcPrivateKey(EcCurve curve, BigInteger d) {
        this.curve = Objects.requireNonNull(curve, "curve");
        this.parameters = new ECPrivateKeyParameters(d, curve.domain());
        this.publicKey = new EcPublicKey(curve, new FixedPointCombMultiplier().multiply(curve.domain().getG(), d));
    }

    /** The curve. */
    public EcCurve curve() {
        return curve;
    }

    /** The public half. */
    public EcPublicKey publicKey() {
        return publicKey;
    }

    /** Fabric's subject key identifier (of the public key). */
    public byte[] ski() {
        return publicKey.ski();
    }

    ECPrivateKeyParameters parameters() {
        return parameters;
    }

    BigInteger d() {
        return parameters.getD();
    }

    /** This key as a JCA spec, with the curve parameters of the JDK's form of its public key. */
    ECPrivateKeySpec jcaSpec() {
        return new ECPrivateKeySpec(d(), ((ECPublicKey) publicKey.toJca()).getParams());
    }

    @Override
    public String toString() {
        return "EcPrivateKey[" + curve.curveName() + ", " + publicKey + "]";
    }

    /** The ECDSA engine's own form of this key (e.g. a native handle), made on first use and kept with the key. */
    Object engineKey() {
        return engineKey;
    }

    void engineKey(Object key) {
        engineKey = key;
    }
}
