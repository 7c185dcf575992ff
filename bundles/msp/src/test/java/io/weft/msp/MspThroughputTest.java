package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.testing.ChannelBlocks;
import io.weft.testing.FabricVectors;

import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.junit.jupiter.api.Test;

/** Rough single-thread rates of the operations the peer repeats per transaction; prints them. */
class MspThroughputTest {

    @Test
    void measure() throws Exception {
        Bccsp bccsp = Bccsp.software(SwOptions.defaults());
        List<Msp> msps = new ArrayList<>();
        for (MSPConfig c : ChannelBlocks.mspConfigs(FabricVectors.root().resolve("mychannel.block")).values()) {
            msps.add(Msps.fromConfig(c, MspVersion.V1_4_3, bccsp));
        }
        MspManager manager = Msps.manager(msps);
        LocalMsp local = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org1().resolve("peers/peer0.org1.example.com/msp"), "Org1MSP"));
        ByteString serialized = local.signingIdentity().serialize();
        byte[] msg = new byte[2048];
        byte[] sig = local.signingIdentity().sign(msg);
        Identity id = manager.deserializeValid(serialized);
        CachingIdentityDeserializer cache = Msps.caching(manager, 1000);

        double verify = rate(() -> id.verify(msg, sig));
        double sign = rate(() -> local.signingIdentity().sign(msg));
        double cached = rate(() -> cache.deserializeValid(serialized));
        rate(() -> manager.deserializeIdentity(serialized).validate());
        double deserialize = rate(() -> manager.deserializeIdentity(serialized).validate());
        System.out.printf(Locale.ROOT, "deserialize+validate (uncached) %10.0f/s%n", deserialize);
        System.out.printf(Locale.ROOT, "deserialize+validate (cached)   %10.0f/s%n", cached);
        System.out.printf(Locale.ROOT, "Identity.verify (2 KiB, P-256)  %10.0f/s%n", verify);
        System.out.printf(Locale.ROOT, "SigningIdentity.sign (2 KiB)    %10.0f/s%n", sign);
        assertThat(verify).isPositive();
        assertThat("x".getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }

    @FunctionalInterface
    private interface Op {
        void run() throws Exception;
    }

    private static double rate(Op op) throws Exception {
        for (int i = 0; i < 2000; i++) {
            op.run();
        }
        long start = System.nanoTime();
        long n = 0;
        long elapsed;
        do {
            for (int i = 0; i < 50; i++) {
                op.run();
            }
            n += 50;
            elapsed = System.nanoTime() - start;
        } while (elapsed < 300_000_000L);
        return n / (elapsed / 1e9);
    }
}
