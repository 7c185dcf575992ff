package io.weft.bccsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * A quick comparison of the ECDSA providers (BouncyCastle lightweight with cached keys vs the JDK's
 * SunEC through JCA), through the BCCSP so that Fabric's rules are included. Prints its numbers;
 * asserts only that both work, since timings vary by machine.
 */
class EcdsaEngineBenchmarkTest {

    private static final long BUDGET_NANOS = 300_000_000L;

    @Test
    void measure() throws Exception {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%-34s %-6s %12s %12s%n", "engine", "curve",
                "sign/s", "verify/s"));
        EcdsaEngine[] engines = {new BcEcdsaEngine(), new JcaEcdsaEngine(Security.getProvider("SunEC"))};
        for (String curve : new String[] {"secp256r1", "secp384r1"}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            byte[] pkcs8 = g.generateKeyPair().getPrivate().getEncoded();
            for (EcdsaEngine engine : engines) {
                SwBccsp csp = new SwBccsp(SwOptions.defaults(), engine);
                EcPrivateKey key = csp.importPrivateKey(pkcs8);
                byte[] digest = csp.hash("benchmark".getBytes(StandardCharsets.UTF_8));
                byte[] sig = csp.sign(key, digest);
                rate(() -> csp.sign(key, digest));
                double signRate = rate(() -> csp.sign(key, digest));
                rate(() -> csp.verify(key.publicKey(), sig, digest));
                double verifyRate = rate(() -> {
                    if (!csp.verify(key.publicKey(), sig, digest)) {
                        throw new AssertionError("verification failed");
                    }
                });
                report.append(String.format(Locale.ROOT, "%-34s %-6s %12.0f %12.0f%n", engine.name(),
                        key.curve().curveName(), signRate, verifyRate));
                assertThat(signRate).isPositive();
                assertThat(verifyRate).isPositive();
            }
        }
        System.out.print(report);
    }

    @FunctionalInterface
    private interface Op {
        void run() throws Exception;
    }

    private static double rate(Op op) throws Exception {
        long start = System.nanoTime();
        long n = 0;
        long elapsed;
        do {
            for (int i = 0; i < 50; i++) {
                op.run();
            }
            n += 50;
            elapsed = System.nanoTime() - start;
        } while (elapsed < BUDGET_NANOS);
        return n / (elapsed / 1e9);
    }
}
