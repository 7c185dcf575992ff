package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.HashFamily;
import io.weft.bccsp.SwOptions;
import io.weft.testing.ChannelBlocks;
import io.weft.testing.FabricVectors;
import io.weft.testing.TestPki;

import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ManagerAndCacheTest {

    private static Bccsp bccsp;
    private static Map<String, MSPConfig> configs;
    private static MspManager manager;

    @BeforeAll
    static void setUp() throws Exception {
        bccsp = Bccsp.software(SwOptions.defaults());
        configs = ChannelBlocks.mspConfigs(FabricVectors.root().resolve("mychannel.block"));
        List<Msp> msps = new ArrayList<>();
        for (MSPConfig c : configs.values()) {
            msps.add(Msps.fromConfig(c, MspVersion.V1_4_3, bccsp));
        }
        manager = Msps.manager(msps);
    }

    @Test
    void dispatchesOnMspId() throws Exception {
        ByteString unknown = SerializedIdentity.newBuilder().setMspid("Org3MSP").build().toByteString();
        assertThatThrownBy(() -> manager.deserializeIdentity(unknown)).hasMessage("MSP Org3MSP is not defined on channel");
        assertThatThrownBy(() -> manager.isWellFormed(SerializedIdentity.getDefaultInstance()))
                .hasMessage("no MSP provider recognizes the identity");
    }

    @Test
    void sameIdMustMeanSameConfig() throws Exception {
        MSPConfig org1 = configs.get("Org1MSP");
        Msp a = Msps.fromConfig(org1, MspVersion.V1_4_3, bccsp);
        Msp b = Msps.fromConfig(org1, MspVersion.V1_4_3, bccsp);
        assertThat(Msps.manager(List.of(a, b)).msps()).containsOnlyKeys("Org1MSP");
        MSPConfig org2AsOrg1 = renamed(configs.get("Org2MSP"), "Org1MSP");
        Msp c = Msps.fromConfig(org2AsOrg1, MspVersion.V1_4_3, bccsp);
        assertThatThrownBy(() -> Msps.manager(List.of(a, c)))
                .hasMessage("Attempted to define two different versions of MSP: Org1MSP");
    }

    @Test
    void refusesIdemixAndBrokenConfigs() {
        assertThatThrownBy(() -> Msps.fromConfig(MSPConfig.newBuilder().setType(1).build(), MspVersion.V1_4_3, bccsp))
                .hasMessageStartingWith("Setup error: unsupported msp type 1");
        assertThatThrownBy(() -> Msps.fromConfig(MSPConfig.newBuilder().setType(0)
                .setConfig(ByteString.copyFromUtf8("\u00ff\u00ff")).build(), MspVersion.V1_4_3, bccsp))
                .hasMessageStartingWith("setting up the MSP manager failed: failed unmarshalling fabric msp config");
        assertThatThrownBy(() -> Msps.fromConfig(MSPConfig.newBuilder().setType(0).build(), MspVersion.V1_4_3, bccsp))
                .hasMessage("setting up the MSP manager failed: expected at least one CA certificate");
    }

    @Test
    void cachesOutcomesBySerializedBytes() throws Exception {
        CachingIdentityDeserializer cache = Msps.caching(manager, 4);
        LocalMsp user = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org1().resolve("users/User1@org1.example.com/msp"), "Org1MSP"));
        ByteString serialized = user.signingIdentity().serialize();
        Identity first = cache.deserializeValid(serialized);
        assertThat(cache.deserializeValid(ByteString.copyFrom(serialized.toByteArray()))).isSameAs(first);
        assertThat(cache.deserializeIdentity(serialized.toByteArray())).isSameAs(first);

        Org1Ca ca = new Org1Ca();
        ByteString bad = Org1Ca.serialized("Org1MSP", ca.issue("X", TestPki.ec256(), "sales").pem());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.deserializeValid(bad)).hasMessageStartingWith("could not validate identity's OUs");
        }
        for (int i = 0; i < 10; i++) {
            cache.deserializeValid(Org1Ca.serialized("Org1MSP", ca.issue("U" + i, TestPki.ec256(), "client").pem()));
        }
        assertThat(cache.deserializeValid(serialized).id()).isEqualTo(first.id());
    }

    @Test
    void localSettingsFromCoreConfiguration() throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("mspConfigPath", FabricVectors.org1().resolve("peers/peer0.org1.example.com/msp").toString());
        props.put("localMspId", "Org1MSP");
        props.put("localMspType", "bccsp");
        props.put("bccsp.sw.hash", "SHA3");
        props.put("bccsp.sw.security", 384L);
        LocalMspSettings settings = LocalMspSettings.fromProperties(props);
        assertThat(settings.keyStore()).isEqualTo(settings.mspConfigPath().resolve("keystore"));
        assertThat(settings.bccsp().hashFamily()).isEqualTo(HashFamily.SHA3);
        LocalMsp local = Msps.loadLocal(settings);
        assertThat(local.bccsp().hash(new byte[1])).hasSize(48);
        // the MSP signs with its crypto config (SHA2 for folders), whatever the provider's default
        byte[] msg = "m".getBytes(StandardCharsets.UTF_8);
        manager.deserializeIdentity(local.signingIdentity().serialize()).verify(msg, local.signingIdentity().sign(msg));

        props.put("bccsp.sw.security", 512L);
        assertThatThrownBy(() -> Msps.loadLocal(LocalMspSettings.fromProperties(props)))
                .hasMessage("could not initialize BCCSP Factories: Failed initializing BCCSP: Could not initialize BCCSP SW "
                        + "[Failed initializing configuration at [512,SHA3]: Security level not supported [512]]");
        props.put("localMspType", "idemix");
        assertThatThrownBy(() -> Msps.loadLocal(LocalMspSettings.fromProperties(props)))
                .hasMessageStartingWith("unsupported MSP type 'idemix'");
    }

    @Test
    void concurrentVerification() throws Exception {
        LocalMsp user = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org1().resolve("users/User1@org1.example.com/msp"), "Org1MSP"));
        byte[] msg = "concurrent".getBytes(StandardCharsets.UTF_8);
        byte[] sig = user.signingIdentity().sign(msg);
        CachingIdentityDeserializer cache = Msps.caching(manager, 100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        cache.deserializeValid(user.signingIdentity().serialize()).verify(msg, sig);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static MSPConfig renamed(MSPConfig c, String name) throws Exception {
        var fabric = org.hyperledger.fabric.protos.msp.FabricMSPConfig.parseFrom(c.getConfig()).toBuilder().setName(name).build();
        return c.toBuilder().setConfig(fabric.toByteString()).build();
    }
}
