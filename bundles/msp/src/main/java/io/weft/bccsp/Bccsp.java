package io.weft.bccsp;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Fabric's blockchain crypto service provider, software flavour: hashing, ECDSA key import, signing
 * with low-S normalisation and verification that rejects high-S signatures. Thread-safe.
 */
@ProviderType
public interface Bccsp {

    /**
     * The software provider with these options (Fabric's {@code sw.NewWithParams}).
     *
     * @throws BccspException for an unsupported hash family or security level
     */
    static Bccsp software(SwOptions options) throws BccspException {
        return new SwBccsp(options, EcdsaEngines.preferred());
    }

    /**
     * The ECDSA implementation under this provider, for start-up logs: BoringSSL (Conscrypt) where its native
     * library loads, else BouncyCastle.
     */
    String ecdsaEngine();

    /** The options this provider was made with. */
    SwOptions options();

    /** The digest of {@code message} under the configured family and security level. */
    byte[] hash(byte[] message);

    /** The digest of {@code message} under {@code algorithm}. */
    byte[] hash(byte[] message, HashAlgorithm algorithm);

    /**
     * Imports an ECDSA public key from DER {@code SubjectPublicKeyInfo}; the result is cached, so a
     * key is parsed once however often it is imported.
     */
    EcPublicKey importPublicKey(byte[] subjectPublicKeyInfo) throws BccspException;

    /** Imports an ECDSA private key from DER: PKCS#8 or SEC1 ("EC PRIVATE KEY"). */
    EcPrivateKey importPrivateKey(byte[] der) throws BccspException;

    /** Imports an ECDSA private key from the first PEM block of {@code pem}. */
    EcPrivateKey importPrivateKeyPem(byte[] pem) throws BccspException;

    /**
     * The private key with this subject key identifier from the key store.
     *
     * @throws BccspException naming the SKI and folder when there is no such key
     */
    EcPrivateKey getKey(byte[] ski) throws BccspException;

    /** Whether this provider has a key store, and where. */
    Optional<java.nio.file.Path> keyStore();

    /** Signs a digest: DER signature with s normalised to the lower half of the order. */
    byte[] sign(EcPrivateKey key, byte[] digest) throws BccspException;

    /**
     * Verifies a DER signature over a digest as Fabric does.
     *
     * @return whether the signature is valid
     * @throws BccspException when the signature is malformed or its s is above half the order
     *     ({@code Invalid S. Must be smaller than half the order [s][n/2].})
     */
    boolean verify(EcPublicKey key, byte[] signature, byte[] digest) throws BccspException;

    /**
     * Plain ECDSA verification without the low-S rule: what X.509 certificate and CRL signatures
     * get (Go's {@code ecdsa.Verify}).
     */
    boolean verifyAnyS(EcPublicKey key, EcdsaSignature signature, byte[] digest);
}
