package io.weft.bccsp;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.Objects;

/**
 * ECDSA through a JCA provider (the JDK's SunEC), to compare speed with and cross-check the real engine; the
 * provider is passed in, never registered globally.
 */
final class JcaEcdsaEngine implements EcdsaEngine {

    private final Provider provider;

    JcaEcdsaEngine(Provider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    @Override
    public EcdsaSignature sign(EcPrivateKey key, byte[] digest) {
        try {
            Signature sig = Signature.getInstance("NONEwithECDSA", provider);
            sig.initSign(jcaPrivate(key));
            sig.update(digest);
            return EcdsaSignature.fromDer(sig.sign());
        } catch (GeneralSecurityException | BccspException e) {
            throw new IllegalStateException("ECDSA signing failed", e);
        }
    }

    @Override
    public boolean verify(EcPublicKey key, byte[] digest, BigInteger r, BigInteger s) {
        try {
            Signature sig = Signature.getInstance("NONEwithECDSA", provider);
            sig.initVerify(key.toJca());
            sig.update(digest);
            return sig.verify(new EcdsaSignature(r, s).toDer());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "JCA " + provider.getName();
    }

    private static PrivateKey jcaPrivate(EcPrivateKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(key.jcaSpec());
    }
}
