package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The legacy flow end to end: the embedded orderer bootstrapped from the vectors' 1.4 system channel genesis block
 * (as orderer.example.com), a peer as peer0.org1, and the real {@code bin/peer}: {@code channel create} with the
 * vectors' {@code legacychannel.tx} signed by Org1's admin writes {@code legacychannel.block}; the peer joins it and
 * pulls the channel's next block (an anchor peer update sent with {@code channel update}) from the orderer.
 */
class SystemChannelCliIT {

    @TempDir
    Path work;

    @Test
    void peerChannelCreateThenJoinAndGetinfo() throws Exception {
        int ordererPort = FreePorts.next();
        int peerPort = FreePorts.next();
        String orderer = "127.0.0.1:" + ordererPort;
        Path ordererMsp = Vectors.HOME.resolve("crypto-config/ordererOrganizations/example.com/orderers/"
                + "orderer.example.com/msp");
        java.util.function.UnaryOperator<String> ordererYaml = yaml -> yaml
                .replace("ListenPort: 7050", "ListenPort: " + ordererPort)
                .replace("ListenAddress: 127.0.0.1:7053", "ListenAddress: 127.0.0.1:" + FreePorts.next())
                .replace("BootstrapMethod: none", "BootstrapMethod: file")
                .replace("BootstrapFile: genesisblock", "BootstrapFile: "
                        + Vectors.HOME.resolve("system-genesis-1.4.block"))
                .replace("LocalMSPDir: msp", "LocalMSPDir: " + ordererMsp)
                .replace("LocalMSPID: SampleOrg", "LocalMSPID: OrdererMSP")
                .replace("Location: ../data/orderer", "Location: " + work.resolve("orderer-ledger"));
        // the channel config names the orderer 127.0.0.1:7050; the peer is pointed at the test's port
        java.util.function.UnaryOperator<String> coreYaml = yaml -> yaml.replace(
                "        addressOverrides:\n        #  - from:\n        #    to:\n        #    caCertsFile:\n",
                "        addressOverrides:\n          - from: 127.0.0.1:7050\n            to: " + orderer + "\n");
        Map<String, String> overrides = Map.of("peer.listenAddress", "127.0.0.1:" + peerPort,
                "peer.address", "127.0.0.1:" + peerPort, "peer.mspConfigPath", Vectors.org1PeerMsp().toString(),
                "peer.localMspId", "Org1MSP");

        try (InProcessPeer node = new InProcessPeer(work, List.of("peer", "orderer"), overrides, coreYaml,
                ordererYaml)) {
            Map<String, String> admin = Map.of("FABRIC_CFG_PATH", work.resolve("config").toString(),
                    "CORE_PEER_ADDRESS", "127.0.0.1:" + peerPort,
                    "CORE_PEER_MSPCONFIGPATH", Vectors.org1UserMsp("Admin").toString(),
                    "CORE_PEER_LOCALMSPID", "Org1MSP");
            Files.copy(Vectors.HOME.resolve("legacychannel.tx"), work.resolve("legacychannel.tx"));

            PeerCli.Result create = awaitOrderer(() -> PeerCli.run(admin, work, "channel", "create",
                    "-c", "legacychannel", "-f", "legacychannel.tx", "-o", orderer));
            assertThat(create.exitCode()).as("%s", create).isZero();
            assertThat(create.err()).contains("Received block: 0");
            Block genesis = Block.parseFrom(Files.readAllBytes(work.resolve("legacychannel.block")));
            assertThat(genesis.getHeader().getNumber()).isZero();

            PeerCli.Result again = PeerCli.run(admin, work, "channel", "create", "-c", "legacychannel",
                    "-f", "legacychannel.tx", "-o", orderer, "--outputBlock", "again.block");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("Error: got unexpected status: BAD_REQUEST -- error applying config "
                    + "update to existing channel 'legacychannel'");

            PeerCli.Result join = PeerCli.run(admin, work, "channel", "join", "-b", "legacychannel.block");
            assertThat(join.exitCode()).as("%s", join).isZero();
            assertThat(join.err()).contains("Successfully submitted proposal to join channel");

            PeerCli.Result info = PeerCli.run(admin, work, "channel", "getinfo", "-c", "legacychannel");
            assertThat(info.exitCode()).as("%s", info).isZero();
            assertThat(info.out()).startsWith("Blockchain info: {\"height\":");

            // Org1's anchor peer update makes the orderer write block 1, which the peer pulls from it
            Files.copy(Vectors.HOME.resolve("Org1MSPanchors.tx"), work.resolve("anchors.tx"));
            PeerCli.Result update = PeerCli.run(admin, work, "channel", "update", "-c", "legacychannel",
                    "-f", "anchors.tx", "-o", orderer);
            assertThat(update.exitCode()).as("%s", update).isZero();
            Instant deadline = Instant.now().plusSeconds(30);
            while (!info.out().startsWith("Blockchain info: {\"height\":2,") && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                info = PeerCli.run(admin, work, "channel", "getinfo", "-c", "legacychannel");
            }
            assertThat(info.out()).as("%s", info).startsWith("Blockchain info: {\"height\":2,");
        }
    }

    /** The orderer starts once its configuration arrived: the first attempt may find nobody listening. */
    private static PeerCli.Result awaitOrderer(java.util.function.Supplier<PeerCli.Result> command)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        PeerCli.Result result = command.get();
        while (result.exitCode() != 0 && result.err().contains("failed to connect") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            result = command.get();
        }
        return result;
    }
}
