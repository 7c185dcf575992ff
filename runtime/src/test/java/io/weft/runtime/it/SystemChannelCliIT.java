package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

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
        try (SystemChannelNetwork network = new SystemChannelNetwork(work, Map.of(), UnaryOperator.identity())) {
            Map<String, String> admin = network.admin;
            String orderer = network.orderer;
            PeerCli.Result create = network.createLegacyChannel();
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
}
