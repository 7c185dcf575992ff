package io.weft.bccsp;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import io.weft.bccsp.internal.BoundedCache;
import io.weft.bccsp.internal.ByteKey;
import io.weft.bccsp.internal.DerException;

import org.bouncycastle.math.ec.ECPoint;

/** Fabric's software BCCSP. */
final class SwBccsp implements Bccsp {

    private static final int PUBLIC_KEY_CACHE_SIZE = 4096;

    private final SwOptions options;
    private final HashAlgorithm defaultHash;
    private final EcdsaEngine engine;
    private final FileKeyStore keyStore;
    private final BoundedCache<ByteKey, EcPublicKey> publicKeys = new BoundedCache<>(PUBLIC_KEY_CACHE_SIZE);

    SwBccsp(SwOptions options, EcdsaEngine engine) throws BccspException {
        this.options = Objects.requireNonNull(options, "options");
        this.engine = Objects.requireNonNull(engine, "engine");
        try {
            this.defaultHash = options.hashFamily().at(options.securityLevel());
        } catch (BccspException e) {
            throw new BccspException("Failed initializing configuration at [" + options.securityLevel() + ","
                    + options.hashFamily() + "]: " + e.getMessage(), e);
        }
        this.keyStore = options.keyStore() == null ? null : new FileKeyStore(options.keyStore());
    }

    EcdsaEngine engine() {
        return engine;
    }

    @Override
    public String ecdsaEngine() {
        return engine.name();
    }

    @Override
    public SwOptions options() {
        return options;
    }

    @Override
    public byte[] hash(byte[] message) {
        return defaultHash.digest(Objects.requireNonNull(message, "message"));
    }

    @Override
    public byte[] hash(byte[] message, HashAlgorithm algorithm) {
        return Objects.requireNonNull(algorithm, "algorithm").digest(Objects.requireNonNull(message, "message"));
    }

    @Override
    public EcPublicKey importPublicKey(byte[] spki) throws BccspException {
        Objects.requireNonNull(spki, "subjectPublicKeyInfo");
        if (spki.length == 0) {
            throw new BccspException("Invalid raw. It must not be nil.");
        }
        ByteKey cacheKey = ByteKey.of(spki.clone());
        EcPublicKey k = publicKeys.get(cacheKey);
        if (k != null) {
            return k;
        }
        SubjectPublicKeyInfos.Decoded d;
        try {
            d = SubjectPublicKeyInfos.decode(spki);
        } catch (DerException e) {
            throw new BccspException("Failed converting PKIX to ECDSA public key [" + e.getMessage() + "]");
        }
        if (!SubjectPublicKeyInfos.EC_PUBLIC_KEY.equals(d.algorithm())) {
            throw new BccspException("Failed casting to ECDSA public key. Invalid raw material.");
        }
        EcCurve curve = d.curveOid() == null ? null : EcCurve.byOid(d.curveOid()).orElse(null);
        if (curve == null) {
            throw new BccspException("Failed converting PKIX to ECDSA public key [x509: unsupported elliptic curve]");
        }
        k = new EcPublicKey(curve, decodePoint(curve, d.point()));
        publicKeys.put(cacheKey, k);
        return k;
    }

    /** Go's {@code elliptic.Unmarshal}: uncompressed points on the curve only. */
    static ECPoint decodePoint(EcCurve curve, byte[] point) throws BccspException {
        if (point.length != 1 + 2 * curve.fieldBytes() || point[0] != 4) {
            throw new BccspException("Failed converting PKIX to ECDSA public key [x509: failed to unmarshal elliptic curve point]");
        }
        try {
            ECPoint p = curve.domain().getCurve().decodePoint(point);
            if (p.isInfinity() || !p.isValid()) {
                throw new IllegalArgumentException("invalid point");
            }
            return p;
        } catch (IllegalArgumentException e) {
            throw new BccspException("Failed converting PKIX to ECDSA public key [x509: failed to unmarshal elliptic curve point]");
        }
    }

    @Override
    public EcPrivateKey importPrivateKey(byte[] der) throws BccspException {
        if (der == null || der.length == 0) {
            throw new BccspException("[ECDSADERPrivateKeyImportOpts] Invalid raw. It must not be nil.");
        }
        PrivateKeys.Parsed p;
        try {
            p = PrivateKeys.fromDer(der);
        } catch (BccspException e) {
            throw new BccspException("Failed converting PKIX to ECDSA public key [" + e.getMessage() + "]", e);
        }
        if (p.key() == null) {
            throw new BccspException("Failed casting to ECDSA private key. Invalid raw material. (" + p.notEcReason() + ")");
        }
        return p.key();
    }

    @Override
    public EcPrivateKey importPrivateKeyPem(byte[] pem) throws BccspException {
        PrivateKeys.Parsed p = PrivateKeys.fromPem(pem);
        if (p.key() == null) {
            throw new BccspException("Failed casting to ECDSA private key. Invalid raw material. (" + p.notEcReason() + ")");
        }
        return p.key();
    }

    @Override
    public EcPrivateKey getKey(byte[] ski) throws BccspException {
        if (keyStore == null) {
            throw new BccspException("key with SKI " + java.util.HexFormat.of().formatHex(ski == null ? new byte[0] : ski)
                    + " not found: the provider has no key store");
        }
        return keyStore.getKey(ski);
    }

    @Override
    public Optional<Path> keyStore() {
        return keyStore == null ? Optional.empty() : Optional.of(keyStore.directory());
    }

    @Override
    public byte[] sign(EcPrivateKey key, byte[] digest) throws BccspException {
        if (key == null) {
            throw new BccspException("Invalid Key. It must not be nil.");
        }
        if (digest == null || digest.length == 0) {
            throw new BccspException("Invalid digest. Cannot be empty.");
        }
        return engine.sign(key, digest).toLowS(key.curve()).toDer();
    }

    @Override
    public boolean verify(EcPublicKey key, byte[] signature, byte[] digest) throws BccspException {
        if (key == null) {
            throw new BccspException("Invalid Key. It must not be nil.");
        }
        if (signature == null || signature.length == 0) {
            throw new BccspException("Invalid signature. Cannot be empty.");
        }
        if (digest == null || digest.length == 0) {
            throw new BccspException("Invalid digest. Cannot be empty.");
        }
        EcdsaSignature sig;
        try {
            sig = EcdsaSignature.fromDer(signature);
        } catch (BccspException e) {
            throw new BccspException("Failed unmashalling signature [" + e.getMessage() + "]", e);
        }
        if (!sig.isLowS(key.curve())) {
            throw new BccspException("Invalid S. Must be smaller than half the order [" + sig.s() + "]["
                    + key.curve().halfOrder() + "].");
        }
        return engine.verify(key, digest, sig.r(), sig.s());
    }

    @Override
    public boolean verifyAnyS(EcPublicKey key, EcdsaSignature signature, byte[] digest) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(digest, "digest");
        if (signature.r().signum() <= 0 || signature.s().signum() <= 0) {
            return false;
        }
        return engine.verify(key, digest, signature.r(), signature.s());
    }
}
