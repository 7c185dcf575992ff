package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README command (1)'s dev network as a user meets it: {@code peer node start --dev} makes the network on first start,
 * prints the shell lines, and Fabric's {@code peer} CLI with those lines sees mychannel joined; a second start reuses
 * the folder (same channel, nothing made again).
 */
class DevNetworkIT {

    private static final Pattern EXPORT = Pattern.compile("^export (\\w+)=(\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path work;

    @Test
    void theDevNetworkStartsJoinsMychannelAndComesBackOnASecondStart() throws Exception {
        Path log = work.resolve("dev.log");
        Map<String, String> env;
        Process node = start(log);
        try {
            env = awaitExports(node, log);
            assertThat(env).containsKeys("FABRIC_CFG_PATH", "CORE_PEER_ADDRESS", "CORE_PEER_MSPCONFIGPATH")
                    .containsEntry("CORE_PEER_TLS_ENABLED", "true");
            PeerCli.Result list = PeerCli.run(env, work, "channel", "list");
            assertThat(list.out()).as("%s", list).isEqualTo("Channels peers has joined: \nmychannel\n");
            PeerCli.Result info = PeerCli.run(env, work, "channel", "getinfo", "-c", "mychannel");
            assertThat(info.out()).as("%s", info).startsWith("Blockchain info: {\"height\":1,");

            // transactions through the whole network: endorsed by the peer, ordered by the embedded orderer, pulled
            // back by the peer's delivery client, committed, and reported on DeliverFiltered to the waiting CLI
            String[] orderer = ordererArgs(node, log);
            PeerCli.Result approve = PeerCli.run(env, work, concat(new String[] {"lifecycle", "chaincode",
                "approveformyorg", "-C", "mychannel", "-n", "basic", "-v", "1.0", "--sequence", "1"}, orderer));
            assertThat(approve.exitCode()).as("%s", approve).isZero();
            assertThat(approve.err()).containsPattern("txid \\[\\w+\\] committed with status \\(VALID\\) at 127.0.0.1:7051");
            PeerCli.Result commit = PeerCli.run(env, work, concat(new String[] {"lifecycle", "chaincode", "commit",
                "-C", "mychannel", "-n", "basic", "-v", "1.0", "--sequence", "1"}, orderer));
            assertThat(commit.exitCode()).as("%s", commit).isZero();
            PeerCli.Result committed = PeerCli.run(env, work, "lifecycle", "chaincode", "querycommitted", "-C",
                    "mychannel", "-n", "basic");
            assertThat(committed.out()).as("%s", committed).startsWith("Committed chaincode definition for chaincode "
                    + "'basic' on channel 'mychannel':\nVersion: 1.0, Sequence: 1, Endorsement Plugin: escc, "
                    + "Validation Plugin: vscc, Approvals: [Org1MSP: true]");
            PeerCli.Result fetched = PeerCli.run(env, work, concat(new String[] {"channel", "fetch", "newest",
                "newest.block", "-c", "mychannel"}, orderer));
            assertThat(fetched.err()).as("%s", fetched).contains("Received block: 2");
        } finally {
            stop(node);
        }
        byte[] genesis = Files.readAllBytes(work.resolve("weft-dev/mychannel.block"));

        Process again = start(work.resolve("dev2.log"));
        try {
            assertThat(awaitExports(again, work.resolve("dev2.log"))).isEqualTo(env);
            assertThat(Files.readAllBytes(work.resolve("weft-dev/mychannel.block"))).isEqualTo(genesis);
            PeerCli.Result list = PeerCli.run(env, work, "channel", "list");
            assertThat(list.out()).as("%s", list).isEqualTo("Channels peers has joined: \nmychannel\n");
            PeerCli.Result info = PeerCli.run(env, work, "channel", "getinfo", "-c", "mychannel");
            assertThat(info.out()).as("%s", info).startsWith("Blockchain info: {\"height\":3,");
        } finally {
            stop(again);
        }
    }

    /** The orderer flags the dev network printed ({@code export ORDERER_ARGS="-o ... --tls --cafile ..."}). */
    private static String[] ordererArgs(Process node, Path log) throws Exception {
        Matcher m = Pattern.compile("^export ORDERER_ARGS=\"([^\"]+)\"", Pattern.MULTILINE)
                .matcher(Files.readString(log, StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return m.group(1).split(" ");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private Process start(Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Dist.peer().toString(), "node", "start", "--dev")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CORE_") || k.startsWith("FABRIC_")
                || k.startsWith("ORDERER_"));
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private static Map<String, String> awaitExports(Process node, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            assertThat(node.isAlive()).as("dev network exited; log:%n%s", text).isTrue();
            if (text.contains("export ORDERER_ARGS")) {
                Map<String, String> env = new LinkedHashMap<>();
                Matcher m = EXPORT.matcher(text);
                while (m.find()) {
                    env.put(m.group(1), m.group(2));
                }
                return env;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no export lines in 120 s; log:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }
}
