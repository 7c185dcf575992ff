package io.weft.bccsp;

import java.math.BigInteger;

/** The raw ECDSA arithmetic behind the provider; Fabric's rules (low-S, DER) live in the caller. */
interface EcdsaEngine {

    /** Signs a digest; s may be high. */
    EcdsaSignature sign(EcPrivateKey key, byte[] digest);

    /** Plain ECDSA verification of a digest; any s in [1, n-1] is accepted. */
    boolean verify(EcPublicKey key, byte[] digest, BigInteger r, BigInteger s);

    /** A short name for reports. */
    String name();
}
