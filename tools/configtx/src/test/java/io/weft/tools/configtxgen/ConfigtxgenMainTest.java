package io.weft.tools.configtxgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import io.weft.testing.FabricVectors;

import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigtxgenMainTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return ConfigtxgenMain.run(args, env, new PrintStream(out, true), new PrintStream(err, true));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void channelIdIsRequiredForOutputs() {
        assertThat(run(Map.of(), "-profile", "X", "-outputBlock", tmp.resolve("b").toString())).isEqualTo(1);
        assertThat(err()).contains("Missing channelID, please specify it with '-channelID'");
    }

    @Test
    void profileIsRequiredForOutputs() {
        assertThat(run(Map.of(), "-channelID", "c", "-outputBlock", tmp.resolve("b").toString())).isEqualTo(1);
        assertThat(err()).contains("The '-profile' is required");
    }

    @Test
    void configIsFoundThroughFabricCfgPath() {
        Path block = tmp.resolve("b.block");
        assertThat(run(Map.of("FABRIC_CFG_PATH", FabricVectors.root().toString()), "-profile",
                "TwoOrgsApplicationGenesis", "-channelID", "c", "-outputBlock", block.toString())).isZero();
        assertThat(block).isNotEmptyFile();
    }

    @Test
    void missingConfigAndProfileGiveFabricsHints() {
        assertThat(run(Map.of("FABRIC_CFG_PATH", tmp.toString()), "-profile", "P", "-channelID", "c",
                "-outputBlock", tmp.resolve("b").toString())).isEqualTo(1);
        assertThat(err()).contains("Unsupported Config Type").contains("FABRIC_CFG_PATH or -configPath");
        err.reset();
        assertThat(run(Map.of(), "-configPath", FabricVectors.root().toString(), "-profile", "Nope", "-channelID",
                "c", "-outputBlock", tmp.resolve("b").toString())).isEqualTo(1);
        assertThat(err()).contains("Could not find profile: Nope. Please make sure");
    }

    @Test
    void genesisBlockNeedsAnOrdererSection() {
        assertThat(run(Map.of(), "-configPath", FabricVectors.root().toString(), "-profile", "TwoOrgsChannel14",
                "-channelID", "c", "-outputBlock", tmp.resolve("b").toString())).isEqualTo(1);
        assertThat(err()).contains("Error on outputBlock: refusing to generate block which is missing orderer section");
    }

    @Test
    void anchorPeerUpdateNeedsAKnownOrg() {
        assertThat(run(Map.of(), "-configPath", FabricVectors.root().toString(), "-profile", "TwoOrgsChannel14",
                "-channelID", "c", "-outputAnchorPeersUpdate", tmp.resolve("a").toString(), "-asOrg", "Org9MSP"))
                .isEqualTo(1);
        assertThat(err()).contains("org with name 'Org9MSP' does not exist in config");
    }

    @Test
    void unknownFlagsAndVersion() {
        assertThat(run(Map.of(), "-bogus")).isEqualTo(2);
        assertThat(err()).contains("flag provided but not defined: -bogus");
        assertThat(run(Map.of(), "-version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("configtxgen:\n Version: ");
    }

    @Test
    void printOrgOfUnknownOrg() {
        assertThat(run(Map.of(), "-configPath", FabricVectors.root().toString(), "-printOrg", "Nobody"))
                .isEqualTo(1);
        assertThat(err()).contains("Error on printOrg: organization Nobody not found");
    }

    @Test
    void channelCreationWithSystemChannelContext() throws Exception {
        Path tx = tmp.resolve("c.tx");
        assertThat(run(Map.of(), "-configPath", FabricVectors.root().toString(), "-profile", "TwoOrgsChannel14",
                "-channelID", "c", "-outputCreateChannelTx", tx.toString(), "-channelCreateTxBaseProfile",
                "TwoOrgsOrdererGenesis14")).isZero();
        Envelope env = Envelope.parseFrom(java.nio.file.Files.readAllBytes(tx));
        ConfigUpdate u = ConfigUpdate.parseFrom(ConfigUpdateEnvelope.parseFrom(
                Payload.parseFrom(env.getPayload()).getData()).getConfigUpdate());
        assertThat(u.getChannelId()).isEqualTo("c");
        assertThat(u.getWriteSet().getGroupsOrThrow("Application").getGroupsMap()).containsOnlyKeys("Org1MSP",
                "Org2MSP");
        assertThat(u.getWriteSet().getValuesMap()).containsKey("Consortium");
        assertThat(u.getReadSet().getValuesOrThrow("Consortium").getValue().isEmpty()).isTrue();
    }
}
