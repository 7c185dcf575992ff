package io.weft.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.BenchCsps;
import io.weft.bccsp.EcPrivateKey;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ECDSA sign and verify of a SHA-256 digest through the software BCCSP, so Fabric's low-S rules are part of the
 * cost: BouncyCastle (the engine the peer uses) against the JDK's SunEC through JCA, on P-256 and P-384.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EcdsaBenchmark {

    @Param({"BC", "CONSCRYPT", "SUNEC"})
    public BenchCsps.Engine engine;

    /** JCA curve names: P-256 and P-384. */
    @Param({"secp256r1", "secp384r1"})
    public String curve;

    private Bccsp csp;
    private EcPrivateKey key;
    private byte[] digest;
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        csp = BenchCsps.create(engine);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        key = csp.importPrivateKey(g.generateKeyPair().getPrivate().getEncoded());
        digest = csp.hash("a proposal response payload".getBytes(StandardCharsets.UTF_8));
        signature = csp.sign(key, digest);
        // a benchmark of a broken path would measure nothing useful
        if (!csp.verify(key.publicKey(), signature, digest)) {
            throw new IllegalStateException(engine + " cannot verify its own " + curve + " signature");
        }
    }

    @Benchmark
    public byte[] sign() throws Exception {
        return csp.sign(key, digest);
    }

    @Benchmark
    public boolean verify() throws Exception {
        return csp.verify(key.publicKey(), signature, digest);
    }
}
