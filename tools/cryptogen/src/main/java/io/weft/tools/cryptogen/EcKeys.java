package io.weft.tools.cryptogen;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * ECDSA P-256 keys as cryptogen writes them: PKCS#8 PEM ({@code PRIVATE KEY}) whose inner
 * {@code ECPrivateKey} carries the public point but no curve (Go's {@code MarshalPKCS8PrivateKey}).
 */
final class EcKeys {

    static final String KEY_FILE = "priv_sk";
    static final ECNamedDomainParameters P256 = new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1,
            CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1));

    private EcKeys() {
    }

    static ECPrivateKeyParameters generate(SecureRandom random) {
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(P256, random));
        AsymmetricCipherKeyPair pair = gen.generateKeyPair();
        return (ECPrivateKeyParameters) pair.getPrivate();
    }

    static ECPublicKeyParameters publicKey(ECPrivateKeyParameters key) {
        return new ECPublicKeyParameters(new FixedPointCombMultiplier().multiply(P256.getG(), key.getD()).normalize(),
                P256);
    }

    /** The uncompressed point: what cryptogen hashes for a CA's subject key identifier. */
    static byte[] point(ECPublicKeyParameters key) {
        return key.getQ().getEncoded(false);
    }

    static SubjectPublicKeyInfo subjectPublicKeyInfo(ECPublicKeyParameters key) {
        return new SubjectPublicKeyInfo(algorithm(), point(key));
    }

    /** Generates a key and writes it to {@code dir/priv_sk} (owner-only where the file system allows). */
    static ECPrivateKeyParameters generateInto(Path dir, SecureRandom random) throws IOException {
        ECPrivateKeyParameters key = generate(random);
        write(dir.resolve(KEY_FILE), key);
        return key;
    }

    static void write(Path file, ECPrivateKeyParameters key) throws IOException {
        PrivateKeyInfo info = new PrivateKeyInfo(algorithm(),
                new ECPrivateKey(256, key.getD(), new DERBitString(point(publicKey(key))), null));
        Files.write(file, Pems.encode("PRIVATE KEY", info.getEncoded("DER")));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /**
     * Reads a PKCS#8 PEM P-256 key.
     *
     * @throws CryptogenException naming the file when it is not such a key
     */
    static ECPrivateKeyParameters read(Path file) throws IOException, CryptogenException {
        byte[] der = Pems.decode(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY")
                .orElseThrow(() -> new CryptogenException(file + ": bytes are not PEM encoded"));
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
            if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())
                    || !SECObjectIdentifiers.secp256r1.equals(info.getPrivateKeyAlgorithm().getParameters())) {
                throw new CryptogenException(file + ": pem bytes do not contain a P-256 EC private key");
            }
            BigInteger d = ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
            return new ECPrivateKeyParameters(d, P256);
        } catch (IOException | IllegalArgumentException e) {
            throw new CryptogenException(file + ": pem bytes are not PKCS8 encoded: " + e.getMessage(), e);
        }
    }

    private static AlgorithmIdentifier algorithm() {
        return new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1);
    }
}
