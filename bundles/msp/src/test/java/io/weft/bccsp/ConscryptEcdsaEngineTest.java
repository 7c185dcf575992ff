package io.weft.bccsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ConscryptEcdsaEngineTest {

    private static final byte[] MESSAGE = "endorse me".getBytes(StandardCharsets.UTF_8);
    private static EcdsaEngine bc;
    private static Optional<EcdsaEngine> conscrypt;

    @BeforeAll
    static void engines() {
        bc = new BcEcdsaEngine();
        conscrypt = ConscryptEcdsaEngine.load(bc);
    }

    @Test
    void loadsOnLinuxX86() {
        // the distribution ships the linux-x86_64 library; elsewhere BouncyCastle serves
        assumeThat(System.getProperty("os.name")).startsWith("Linux");
        assumeThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");
        assertThat(conscrypt).isPresent();
        assertThat(conscrypt.get().name()).startsWith("BoringSSL through Conscrypt");
        assertThat(EcdsaEngines.preferred().name()).isEqualTo(conscrypt.get().name());
    }

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void signaturesCrossVerifyWithBouncyCastleOnEveryCurve(EcCurve curve) throws Exception {
        assumeThat(conscrypt).isPresent();
        SwBccsp fast = new SwBccsp(SwOptions.defaults(), conscrypt.get());
        SwBccsp reference = new SwBccsp(SwOptions.defaults(), bc);
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 5; i++) {
            // P-224 keys made here: the JDK 17 no longer generates them (and BoringSSL's side then falls back)
            EcPrivateKey key = new EcPrivateKey(curve,
                    new BigInteger(curve.order().bitLength() + 64, random).mod(curve.order().subtract(BigInteger.ONE))
                            .add(BigInteger.ONE));
            byte[] digest = fast.hash(MESSAGE);
            byte[] mine = fast.sign(key, digest);
            byte[] theirs = reference.sign(key, digest);
            assertThat(EcdsaSignature.fromDer(mine).isLowS(curve)).isTrue();
            assertThat(reference.verify(key.publicKey(), mine, digest)).isTrue();
            assertThat(fast.verify(key.publicKey(), theirs, digest)).isTrue();
            byte[] otherDigest = fast.hash(("other " + i).getBytes(StandardCharsets.UTF_8));
            assertThat(fast.verify(key.publicKey(), theirs, otherDigest)).isFalse();
        }
    }

    @Test
    void refusesWhatBouncyCastleRefuses() throws Exception {
        assumeThat(conscrypt).isPresent();
        EcdsaEngine engine = conscrypt.get();
        EcPrivateKey key = new SwBccsp(SwOptions.defaults(), bc)
                .importPrivateKey(SwBccspTest.ecKeyPair("secp256r1").getPrivate().getEncoded());
        byte[] digest = HashAlgorithm.SHA256.digest(MESSAGE);
        EcdsaSignature good = bc.sign(key, digest);
        BigInteger n = EcCurve.P256.order();
        assertThat(engine.verify(key.publicKey(), digest, good.r(), good.s())).isTrue();
        // high S verifies as plain ECDSA (certificate signatures); Fabric's low-S rule is the BCCSP's, above the engine
        assertThat(engine.verify(key.publicKey(), digest, good.r(), n.subtract(good.s()))).isTrue();
        for (EcdsaSignature bad : new EcdsaSignature[] {
                new EcdsaSignature(good.r(), good.s().add(BigInteger.ONE)),
                new EcdsaSignature(good.r().add(BigInteger.ONE), good.s()),
                new EcdsaSignature(good.r().add(n), good.s()),
                new EcdsaSignature(good.r(), good.s().add(n)),
                new EcdsaSignature(n, good.s())}) {
            assertThat(engine.verify(key.publicKey(), digest, bad.r(), bad.s()))
                    .as("r=%s s=%s", bad.r(), bad.s())
                    .isEqualTo(bc.verify(key.publicKey(), digest, bad.r(), bad.s()))
                    .isFalse();
        }
        EcPublicKey otherKey = new SwBccsp(SwOptions.defaults(), bc)
                .importPrivateKey(SwBccspTest.ecKeyPair("secp256r1").getPrivate().getEncoded()).publicKey();
        assertThat(engine.verify(otherKey, digest, good.r(), good.s())).isFalse();
    }

    @Test
    void aKeyBoringSslRefusedGoesToTheFallback() throws Exception {
        assumeThat(conscrypt).isPresent();
        EcPrivateKey key = new SwBccsp(SwOptions.defaults(), bc)
                .importPrivateKey(SwBccspTest.ecKeyPair("secp256r1").getPrivate().getEncoded());
        byte[] digest = HashAlgorithm.SHA256.digest(MESSAGE);
        // BouncyCastle's nonces are RFC 6979 (deterministic), BoringSSL's are random: equal signatures show who signed
        EcdsaSignature reference = bc.sign(key, digest);
        assertThat(conscrypt.get().sign(key, digest)).isNotEqualTo(reference);
        key.engineKey(ConscryptEcdsaEngine.REFUSED);
        key.publicKey().engineKey(ConscryptEcdsaEngine.REFUSED);
        assertThat(conscrypt.get().sign(key, digest)).isEqualTo(reference);
        assertThat(conscrypt.get().verify(key.publicKey(), digest, reference.r(), reference.s())).isTrue();
        assertThat(conscrypt.get().verify(key.publicKey(), digest, reference.r(), reference.s().add(BigInteger.ONE)))
                .isFalse();
    }
}
