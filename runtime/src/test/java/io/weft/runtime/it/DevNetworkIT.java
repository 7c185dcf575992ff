package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README command (1)'s dev network as a user meets it: {@code peer node start --dev} makes the network on first start,
 * prints the shell lines, and Fabric's {@code peer} CLI with those lines sees mychannel joined; a second start reuses
 * the folder (same channel, nothing made again).
 */
class DevNetworkIT {

    @TempDir
    Path work;

    @Test
    void theDevNetworkStartsJoinsMychannelAndComesBackOnASecondStart() throws Exception {
        Map<String, String> env;
        try (DevNode node = DevNode.start(work, work.resolve("dev.log"))) {
            env = node.awaitExports();
            assertThat(env).containsKeys("FABRIC_CFG_PATH", "CORE_PEER_ADDRESS", "CORE_PEER_MSPCONFIGPATH")
                    .containsEntry("CORE_PEER_TLS_ENABLED", "true");
            PeerCli.Result list = PeerCli.run(env, work, "channel", "list");
            assertThat(list.out()).as("%s", list).isEqualTo("Channels peers has joined: \nmychannel\n");
            PeerCli.Result info = PeerCli.run(env, work, "channel", "getinfo", "-c", "mychannel");
            assertThat(info.out()).as("%s", info).startsWith("Blockchain info: {\"height\":1,");

            // transactions through the whole network: endorsed by the peer, ordered by the embedded orderer, pulled
            // back by the peer's delivery client, committed, and reported on DeliverFiltered to the waiting CLI
            String[] orderer = node.ordererArgs();
            PeerCli.Result approve = PeerCli.run(env, work, concat(new String[] {"lifecycle", "chaincode",
                "approveformyorg", "-C", "mychannel", "-n", "basic", "-v", "1.0", "--sequence", "1"}, orderer));
            assertThat(approve.exitCode()).as("%s", approve).isZero();
            assertThat(approve.err()).containsPattern("txid \\[\\w+\\] committed with status \\(VALID\\) at 127.0.0.1:7051");
            // without -o, as Fabric's CLI: the orderer from the channel config the peer's cscc returns
            java.util.List<String> tlsOnly = new java.util.ArrayList<>(java.util.List.of(orderer));
            int o = tlsOnly.indexOf("-o");
            String address = tlsOnly.remove(o + 1);
            tlsOnly.remove(o);
            PeerCli.Result commit = PeerCli.run(env, work, concat(new String[] {"lifecycle", "chaincode", "commit",
                "-C", "mychannel", "-n", "basic", "-v", "1.0", "--sequence", "1"}, tlsOnly.toArray(String[]::new)));
            assertThat(commit.exitCode()).as("%s", commit).isZero();
            assertThat(commit.err()).contains("Retrieved channel (mychannel) orderer endpoint: " + address);
            PeerCli.Result committed = PeerCli.run(env, work, "lifecycle", "chaincode", "querycommitted", "-C",
                    "mychannel", "-n", "basic");
            assertThat(committed.out()).as("%s", committed).startsWith("Committed chaincode definition for chaincode "
                    + "'basic' on channel 'mychannel':\nVersion: 1.0, Sequence: 1, Endorsement Plugin: escc, "
                    + "Validation Plugin: vscc, Approvals: [Org1MSP: true]");
            PeerCli.Result fetched = PeerCli.run(env, work, concat(new String[] {"channel", "fetch", "newest",
                "newest.block", "-c", "mychannel"}, orderer));
            assertThat(fetched.err()).as("%s", fetched).contains("Received block: 2");
        }
        byte[] genesis = Files.readAllBytes(work.resolve("weft-dev/mychannel.block"));

        try (DevNode again = DevNode.start(work, work.resolve("dev2.log"))) {
            assertThat(again.awaitExports()).isEqualTo(env);
            assertThat(Files.readAllBytes(work.resolve("weft-dev/mychannel.block"))).isEqualTo(genesis);
            PeerCli.Result list = PeerCli.run(env, work, "channel", "list");
            assertThat(list.out()).as("%s", list).isEqualTo("Channels peers has joined: \nmychannel\n");
            PeerCli.Result info = PeerCli.run(env, work, "channel", "getinfo", "-c", "mychannel");
            assertThat(info.out()).as("%s", info).startsWith("Blockchain info: {\"height\":3,");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
