package io.weft.bccsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;

import io.weft.testing.FabricVectors;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SwBccspTest {

    private static final byte[] MESSAGE = "hello fabric".getBytes(StandardCharsets.UTF_8);

    static KeyPair ecKeyPair(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    /** SEC1 "EC PRIVATE KEY" with the named curve, as OpenSSL writes it. */
    static byte[] sec1(KeyPair kp, EcCurve curve) throws Exception {
        BigInteger d = ((java.security.interfaces.ECPrivateKey) kp.getPrivate()).getS();
        return new ECPrivateKey(curve.order().bitLength(), d,
                new org.bouncycastle.asn1.x9.X962Parameters(new org.bouncycastle.asn1.ASN1ObjectIdentifier(curve.oid())))
                .getEncoded();
    }

    static byte[] pem(String type, byte[] der) {
        return Pem.encode(type, der);
    }

    @Test
    void hashesByFamilyAndLevel() throws Exception {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(Bccsp.software(SwOptions.defaults()).hash(abc)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex.formatHex(Bccsp.software(new SwOptions(HashFamily.SHA3, 256, null)).hash(abc)))
                .isEqualTo("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
        assertThat(Bccsp.software(new SwOptions(HashFamily.SHA2, 384, null)).hash(abc)).hasSize(48);
        assertThat(Bccsp.software(new SwOptions(HashFamily.SHA3, 384, null)).hash(abc)).hasSize(48);
        assertThat(HashAlgorithm.byFabricName("SHA3_256")).isEqualTo(HashAlgorithm.SHA3_256);
        assertThatThrownBy(() -> HashAlgorithm.byFabricName("MD5")).hasMessage("hash function not recognized [MD5]");
        assertThatThrownBy(() -> HashFamily.parse("SHA1")).hasMessage("Hash Family not supported [SHA1]");
        assertThatThrownBy(() -> Bccsp.software(new SwOptions(HashFamily.SHA2, 512, null)))
                .hasMessage("Failed initializing configuration at [512,SHA2]: Security level not supported [512]");
    }

    @ParameterizedTest
    @EnumSource(value = EcCurve.class, names = {"P256", "P384"})
    void signsLowSAndVerifies(EcCurve curve) throws Exception {
        Bccsp csp = Bccsp.software(SwOptions.defaults());
        KeyPair kp = ecKeyPair(curve == EcCurve.P256 ? "secp256r1" : "secp384r1");
        EcPrivateKey key = csp.importPrivateKey(kp.getPrivate().getEncoded());
        assertThat(key.curve()).isEqualTo(curve);
        assertThat(csp.importPublicKey(kp.getPublic().getEncoded())).isEqualTo(key.publicKey());
        for (HashAlgorithm h : HashAlgorithm.values()) {
            byte[] digest = csp.hash(MESSAGE, h);
            for (int i = 0; i < 40; i++) {
                byte[] sig = csp.sign(key, digest);
                EcdsaSignature parsed = EcdsaSignature.fromDer(sig);
                assertThat(parsed.isLowS(curve)).isTrue();
                assertThat(parsed.toDer()).isEqualTo(sig);
                assertThat(csp.verify(key.publicKey(), sig, digest)).isTrue();
                assertThat(csp.verify(key.publicKey(), sig, csp.hash(new byte[] {1}, h))).isFalse();
            }
        }
    }

    @Test
    void rejectsHighSWithFabricsMessage() throws Exception {
        Bccsp csp = Bccsp.software(SwOptions.defaults());
        EcPrivateKey key = csp.importPrivateKey(ecKeyPair("secp256r1").getPrivate().getEncoded());
        byte[] digest = csp.hash(MESSAGE);
        EcdsaSignature low = EcdsaSignature.fromDer(csp.sign(key, digest));
        EcdsaSignature high = new EcdsaSignature(low.r(), EcCurve.P256.order().subtract(low.s()));
        assertThat(high.isLowS(EcCurve.P256)).isFalse();
        assertThatThrownBy(() -> csp.verify(key.publicKey(), high.toDer(), digest))
                .isInstanceOf(BccspException.class)
                .hasMessageStartingWith("Invalid S. Must be smaller than half the order [" + high.s() + "]["
                        + EcCurve.P256.halfOrder() + "]");
        // plain ECDSA accepts it: that is what certificate signatures get
        assertThat(csp.verifyAnyS(key.publicKey(), high, digest)).isTrue();
        assertThat(EcdsaSignature.toLowS(EcCurve.P256, high.toDer())).isEqualTo(low.toDer());
    }

    @Test
    void parsesSignaturesAsGoDoes() throws Exception {
        Bccsp csp = Bccsp.software(SwOptions.defaults());
        EcPrivateKey key = csp.importPrivateKey(ecKeyPair("secp256r1").getPrivate().getEncoded());
        byte[] digest = csp.hash(MESSAGE);
        byte[] sig = csp.sign(key, digest);
        byte[] trailing = java.util.Arrays.copyOf(sig, sig.length + 2);
        assertThat(csp.verify(key.publicKey(), trailing, digest)).as("Go ignores bytes after the sequence").isTrue();
        assertThat(EcdsaSignature.fromStrictDer(trailing)).as("but not in X.509").isEmpty();
        assertThatThrownBy(() -> csp.verify(key.publicKey(), new byte[] {0x30, 0x03, 0x02, 0x01}, digest))
                .hasMessageStartingWith("Failed unmashalling signature [failed unmashalling signature [asn1:");
        assertThatThrownBy(() -> csp.verify(key.publicKey(), new byte[0], digest))
                .hasMessage("Invalid signature. Cannot be empty.");
        byte[] negative = new EcdsaSignature(BigInteger.valueOf(-5), BigInteger.TEN).toDer();
        assertThatThrownBy(() -> csp.verify(key.publicKey(), negative, digest))
                .hasMessageContaining("invalid signature, R must be larger than zero");
        byte[] nonMinimal = {0x30, 0x07, 0x02, 0x02, 0x00, 0x05, 0x02, 0x01, 0x05};
        assertThatThrownBy(() -> csp.verify(key.publicKey(), nonMinimal, digest))
                .hasMessageContaining("integer not minimally-encoded");
        assertThatThrownBy(() -> csp.sign(key, new byte[0])).hasMessage("Invalid digest. Cannot be empty.");
    }

    @Test
    void importsPkcs8AndSec1Pem() throws Exception {
        Bccsp csp = Bccsp.software(SwOptions.defaults());
        KeyPair kp = ecKeyPair("secp384r1");
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        EcPrivateKey a = csp.importPrivateKeyPem(pem("PRIVATE KEY", pkcs8));
        EcPrivateKey b = csp.importPrivateKeyPem(pem("EC PRIVATE KEY", sec1(kp, EcCurve.P384)));
        assertThat(a.publicKey()).isEqualTo(b.publicKey());
        // without the curve (as inside PKCS#8), Go cannot tell the curve either
        byte[] bare = ECPrivateKey.getInstance(PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey()).getEncoded();
        assertThatThrownBy(() -> csp.importPrivateKeyPem(pem("EC PRIVATE KEY", bare)))
                .hasMessage("invalid key type. The DER must contain an ecdsa.PrivateKey");
        assertThat(a.ski()).isEqualTo(HashAlgorithm.SHA256.digest(a.publicKey().encodedPoint()));
    }

    @Test
    void refusesOtherKeysClearly() throws Exception {
        Bccsp csp = Bccsp.software(SwOptions.defaults());
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        byte[] rsaPkcs8 = rsa.generateKeyPair().getPrivate().getEncoded();
        assertThatThrownBy(() -> csp.importPrivateKeyPem(pem("PRIVATE KEY", rsaPkcs8)))
                .hasMessage("found unknown private key type in PKCS#8 wrapping");
        byte[] rsaPkcs1 = PrivateKeyInfo.getInstance(rsaPkcs8).parsePrivateKey().toASN1Primitive().getEncoded();
        assertThatThrownBy(() -> csp.importPrivateKeyPem(pem("RSA PRIVATE KEY", rsaPkcs1)))
                .hasMessageStartingWith("Failed casting to ECDSA private key. Invalid raw material.");
        assertThatThrownBy(() -> csp.importPrivateKeyPem("not a key".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageStartingWith("failed decoding PEM. Block must be different from nil");
        assertThatThrownBy(() -> csp.importPrivateKeyPem(pem("PRIVATE KEY", new byte[] {1, 2, 3})))
                .hasMessage("invalid key type. The DER must contain an ecdsa.PrivateKey");
        byte[] ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        assertThatThrownBy(() -> csp.importPublicKey(ed))
                .hasMessage("Failed casting to ECDSA public key. Invalid raw material.");
    }

    @Test
    void findsKeysBySkiUnderAnyName(@TempDir Path dir) throws Exception {
        KeyPair kp1 = ecKeyPair("secp256r1");
        KeyPair kp2 = ecKeyPair("secp256r1");
        Files.write(dir.resolve("priv_sk"), pem("PRIVATE KEY", kp1.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("README"), "not a key");
        Bccsp csp = Bccsp.software(SwOptions.defaults().withKeyStore(dir));
        EcPrivateKey k1 = csp.importPrivateKey(kp1.getPrivate().getEncoded());
        assertThat(csp.getKey(k1.ski()).publicKey()).isEqualTo(k1.publicKey());

        EcPrivateKey k2 = csp.importPrivateKey(kp2.getPrivate().getEncoded());
        String ski2 = HexFormat.of().formatHex(k2.ski());
        assertThatThrownBy(() -> csp.getKey(k2.ski())).hasMessage("key with SKI " + ski2 + " not found in " + dir);
        Files.write(dir.resolve(ski2 + "_sk"), pem("EC PRIVATE KEY", sec1(kp2, EcCurve.P256)));
        assertThat(csp.getKey(k2.ski()).publicKey()).isEqualTo(k2.publicKey());
    }

    @Test
    void skiOfCryptogenKeysMatchesTheirCertificates() throws Exception {
        // cryptogen's CA certificates carry SKI = SHA-256 of the public point, as Fabric computes it
        Path ca = FabricVectors.org1().resolve("ca");
        Bccsp csp = Bccsp.software(SwOptions.defaults().withKeyStore(ca));
        EcPrivateKey caKey = csp.importPrivateKeyPem(Files.readAllBytes(ca.resolve("priv_sk")));
        String certText = Files.readString(ca.resolve("ca.org1.example.com-cert.pem"));
        var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(certText.getBytes(StandardCharsets.US_ASCII)));
        byte[] skiExt = org.bouncycastle.asn1.ASN1OctetString.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(cert.getExtensionValue("2.5.29.14")).getOctets())
                .getOctets();
        assertThat(caKey.ski()).isEqualTo(skiExt);
        assertThat(csp.getKey(skiExt).publicKey()).isEqualTo(caKey.publicKey());
        assertThat(csp.importPublicKey(cert.getPublicKey().getEncoded())).isEqualTo(caKey.publicKey());
    }

    @Test
    void bouncyCastleAndJdkAgree() throws Exception {
        SwBccsp bc = new SwBccsp(SwOptions.defaults(), new BcEcdsaEngine());
        SwBccsp jdk = new SwBccsp(SwOptions.defaults(), new JcaEcdsaEngine(Security.getProvider("SunEC")));
        for (String curve : new String[] {"secp256r1", "secp384r1"}) {
            EcPrivateKey key = bc.importPrivateKey(ecKeyPair(curve).getPrivate().getEncoded());
            byte[] digest = bc.hash(MESSAGE);
            assertThat(jdk.verify(key.publicKey(), bc.sign(key, digest), digest)).isTrue();
            assertThat(bc.verify(key.publicKey(), jdk.sign(key, digest), digest)).isTrue();
        }
    }
}
