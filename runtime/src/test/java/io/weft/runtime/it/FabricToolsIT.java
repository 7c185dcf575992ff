package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's Fabric tools, run as users run them, and their output used by a real peer. */
class FabricToolsIT {

    @TempDir
    Path work;

    @Test
    void cryptogenMaterialRunsAPeerAndItsAdminAdministersIt() throws Exception {
        PeerCli.Result gen = PeerCli.runBin("cryptogen", Map.of(), work, "generate",
                "--config=" + Vectors.HOME.resolve("crypto-config.yaml"), "--output=crypto");
        assertThat(gen.exitCode()).as("%s", gen).isZero();
        assertThat(gen.out()).isEqualTo("org1.example.com\norg2.example.com\n");
        Path org1 = work.resolve("crypto/peerOrganizations/org1.example.com");
        assertThat(org1.resolve("peers/peer0.org1.example.com/msp/keystore/priv_sk")).isRegularFile();

        try (PeerProcess peer = new PeerProcess(work.resolve("peer"))
                .env("CORE_PEER_MSPCONFIGPATH", org1.resolve("peers/peer0.org1.example.com/msp").toString())
                .env("CORE_PEER_LOCALMSPID", "Org1MSP")
                .start().awaitHealthy(Duration.ofSeconds(60))) {
            Map<String, String> admin = new HashMap<>(peer.env());
            admin.put("CORE_PEER_MSPCONFIGPATH", org1.resolve("users/Admin@org1.example.com/msp").toString());
            PeerCli.Result status = PeerCli.run(admin, work, "node", "status");
            assertThat(status.out()).as("%s", status).isEqualTo("status:STARTED\n");
        }
    }

    @Test
    void cryptogenVersionTemplateAndErrors() throws Exception {
        PeerCli.Result version = PeerCli.runBin("cryptogen", Map.of(), work, "version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("cryptogen:\n Version: ");
        PeerCli.Result template = PeerCli.runBin("cryptogen", Map.of(), work, "showtemplate");
        assertThat(template.out()).contains("PeerOrgs:").contains("OrdererOrgs:");
        Files.writeString(work.resolve("bad.yaml"), "PeerOrgs: [ {Name: x");
        PeerCli.Result bad = PeerCli.runBin("cryptogen", Map.of(), work, "generate", "--config=bad.yaml");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).startsWith("Error reading config: ");
    }

    @Test
    void configtxgenAndConfigtxlatorReproduceFabricsArtifacts() throws Exception {
        Map<String, String> env = Map.of("FABRIC_CFG_PATH", Vectors.HOME.toString());
        PeerCli.Result gen = PeerCli.runBin("configtxgen", env, work, "-profile", "TwoOrgsApplicationGenesis",
                "-channelID", "mychannel", "-outputBlock", "mychannel.block");
        assertThat(gen.exitCode()).as("%s", gen).isZero();
        assertThat(work.resolve("mychannel.block")).isNotEmptyFile();

        // Fabric's own block, decoded by Weft's tools, prints exactly as Fabric printed it
        PeerCli.Result inspect = PeerCli.runBin("configtxgen", Map.of(), work, "-inspectBlock",
                Vectors.HOME.resolve("mychannel.block").toString());
        assertThat(inspect.exitCode()).as("%s", inspect).isZero();
        assertThat(inspect.out()).isEqualTo(Files.readString(Vectors.HOME.resolve("mychannel.block.json")));

        PeerCli.Result decode = PeerCli.runBin("configtxlator", Map.of(), work, "proto_decode",
                "--type=common.Block", "--input=" + Vectors.HOME.resolve("mychannel.block"), "--output=decoded.json");
        assertThat(decode.exitCode()).as("%s", decode).isZero();
        assertThat(work.resolve("decoded.json")).hasSameTextualContentAs(Vectors.HOME.resolve("mychannel.block.json"));
        PeerCli.Result encode = PeerCli.runBin("configtxlator", Map.of(), work, "proto_encode",
                "--type=common.Block", "--input=decoded.json", "--output=encoded.block");
        assertThat(encode.exitCode()).as("%s", encode).isZero();
        // Fabric 2.4 wrote its maps in random order, so the bytes differ; the content does not
        PeerCli.Result again = PeerCli.runBin("configtxlator", Map.of(), work, "proto_decode",
                "--type=common.Block", "--input=encoded.block");
        assertThat(again.out()).isEqualTo(Files.readString(Vectors.HOME.resolve("mychannel.block.json")));

        PeerCli.Result unknown = PeerCli.runBin("configtxgen", env, work, "-profile", "NoSuchProfile",
                "-channelID", "x", "-outputBlock", "x.block");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("NoSuchProfile");
    }
}
