package io.weft.bccsp;

import java.math.BigInteger;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA through BouncyCastle's lightweight API on its custom curve implementations. No JCA provider
 * is involved, so nothing is registered globally. Measured ~12x faster than the JDK 17 SunEC
 * provider for P-256 verification with cached keys (see the module's benchmark test).
 */
final class BcEcdsaEngine implements EcdsaEngine {

    @Override
    public EcdsaSignature sign(EcPrivateKey key, byte[] digest) {
        // RFC 6979 nonces: no dependence on the quality or contention of a SecureRandom.
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(nonceDigest(key.curve())));
        signer.init(true, key.parameters());
        BigInteger[] rs = signer.generateSignature(digest);
        return new EcdsaSignature(rs[0], rs[1]);
    }

    @Override
    public boolean verify(EcPublicKey key, byte[] digest, BigInteger r, BigInteger s) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key.parameters());
        return verifier.verifySignature(digest, r, s);
    }

    @Override
    public String name() {
        return "BouncyCastle lightweight ECDSA";
    }

    private static Digest nonceDigest(EcCurve curve) {
        return switch (curve) {
            case P224, P256 -> new SHA256Digest();
            case P384 -> new SHA384Digest();
            case P521 -> new SHA512Digest();
        };
    }
}
