package io.weft.tools.configtxgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import io.weft.testing.FabricVectors;
import io.weft.tools.configtxgen.Configtx.Orderer;
import io.weft.tools.configtxgen.Configtx.Profile;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigtxgenProfilesTest {

    @TempDir
    Path tmp;

    private static ConfigtxgenProfiles vectors() throws Exception {
        return ConfigtxgenProfiles.load(FabricVectors.file("configtx.yaml"));
    }

    private ConfigtxgenProfiles yaml(String text) throws Exception {
        Path f = tmp.resolve("configtx.yaml");
        Files.writeString(f, text);
        return ConfigtxgenProfiles.load(f);
    }

    @Test
    void mergesAnchorsAndResolvesPathsAgainstTheFile() throws Exception {
        Profile p = vectors().profile("TwoOrgsApplicationGenesis");
        Orderer o = p.orderer();
        assertThat(o.ordererType()).isEqualTo("etcdraft");
        assertThat(o.batchSize().absoluteMaxBytes()).isEqualTo(99 * 1024 * 1024);
        assertThat(o.etcdRaft().options().tickInterval()).isEqualTo("500ms"); // default filled in
        assertThat(o.etcdRaft().consenters().get(0).serverTlsCert()).isAbsolute().exists();
        assertThat(p.application().organizations()).extracting(Configtx.Organization::name)
                .containsExactly("Org1MSP", "Org2MSP");
        assertThat(p.application().organizations().get(0).mspDir()).isAbsolute().isDirectory();
        assertThat(p.policies()).containsKeys("Readers", "Writers", "Admins");
    }

    @Test
    void profileOverridesWinOverMergedDefaults() throws Exception {
        Profile p = vectors().profile("TwoOrgsOrdererGenesis14");
        assertThat(p.orderer().ordererType()).isEqualTo("solo");
        assertThat(p.capabilities()).containsOnlyKeys("V1_4_3");
        assertThat(p.consortiums()).containsOnlyKeys("SampleConsortium");
    }

    @Test
    void genesisBlockThroughTheJavaApi() throws Exception {
        Block block = GenesisBlocks.create(vectors().profile("TwoOrgsApplicationGenesis"), "api-channel");
        Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
        ConfigGroup orderer = ConfigEnvelope.parseFrom(payload.getData()).getConfig().getChannelGroup()
                .getGroupsOrThrow("Orderer");
        assertThat(BatchSize.parseFrom(orderer.getValuesOrThrow("BatchSize").getValue()).getPreferredMaxBytes())
                .isEqualTo(512 * 1024);
        assertThat(ConfigEnvelope.parseFrom(payload.getData()).getConfig().getChannelGroup().getGroupsMap())
                .containsOnlyKeys("Orderer", "Application");
    }

    @Test
    void unknownProfileAndUnknownKeysAreErrors() throws Exception {
        assertThatThrownBy(() -> vectors().profile("Nope")).hasMessage("Could not find profile: Nope");
        ConfigtxgenProfiles c = yaml("Profiles:\n  P:\n    Orderer:\n      OrdererTyp: solo\n");
        assertThatThrownBy(() -> c.profile("P")).hasMessage("'Profiles.P.Orderer' has invalid keys: OrdererTyp");
        assertThatThrownBy(() -> yaml("Profile: {}\n")).hasMessage("'' has invalid keys: Profile");
    }

    @Test
    void ordererDefaultsAndChecksAreFabrics() throws Exception {
        Orderer o = yaml("Profiles:\n  P:\n    Orderer: {Addresses: [a:1]}\n").profile("P").orderer();
        assertThat(o.ordererType()).isEqualTo("solo");
        assertThat(o.batchTimeoutNanos()).isEqualTo(2_000_000_000L);
        assertThat(o.batchSize()).isEqualTo(new Configtx.BatchSize(500, 10 * 1024 * 1024, 2 * 1024 * 1024));
        assertThatThrownBy(() -> yaml("Profiles:\n  P:\n    Orderer: {OrdererType: bft}\n").profile("P"))
                .hasMessage("unknown orderer type: bft");
        assertThatThrownBy(() -> yaml("Profiles:\n  P:\n    Orderer: {OrdererType: etcdraft}\n").profile("P"))
                .hasMessage("etcdraft configuration missing");
        assertThatThrownBy(() -> yaml("Profiles:\n  P:\n    Orderer:\n      OrdererType: etcdraft\n"
                + "      EtcdRaft: {Consenters: [], Options: {ElectionTick: 1, HeartbeatTick: 1}}\n").profile("P"))
                .hasMessage("etcdraft configuration did not specify any consenter");
    }
}
