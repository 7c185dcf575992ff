package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peer node status} and {@code peer logging …} against a running peer, through Fabric
 * 1.4's protos.Admin service: local admins only, Fabric's output lines.
 */
class AdminCliIT {

    @TempDir
    Path work;

    /** The CLI environment of an operator of {@code peer}: same core.yaml, the given MSP. */
    private static Map<String, String> cli(PeerProcess peer, Path msp, String mspId) {
        Map<String, String> env = new HashMap<>(peer.env());
        env.put("CORE_PEER_MSPCONFIGPATH", msp.toString());
        env.put("CORE_PEER_LOCALMSPID", mspId);
        return env;
    }

    @Test
    void statusAndLoggingWithTheShippedSampleIdentity() throws Exception {
        try (PeerProcess peer = new PeerProcess(work).start().awaitHealthy(Duration.ofSeconds(60))) {
            Map<String, String> env = peer.env();
            PeerCli.Result status = PeerCli.run(env, work, "node", "status");
            assertThat(status.exitCode()).as("%s", status).isZero();
            assertThat(status.out()).isEqualTo("status:STARTED\n");

            assertThat(PeerCli.run(env, work, "logging", "getlogspec").err()).contains("Current logging spec: info");
            PeerCli.Result set = PeerCli.run(env, work, "logging", "setlevel", "gossip", "debug");
            assertThat(set.err()).as("%s", set).contains("Log level set for logger name/prefix 'gossip': DEBUG");
            assertThat(PeerCli.run(env, work, "logging", "getlevel", "gossip.election").err())
                    .contains("Current log level for logger 'gossip.election': DEBUG");
            assertThat(PeerCli.run(env, work, "logging", "setlogspec", "warn:msp=debug").err())
                    .contains("Current logging spec set to: warn:msp=debug");
            assertThat(PeerCli.run(env, work, "logging", "getlogspec").err()).contains("Current logging spec: msp=debug:warn");
            assertThat(PeerCli.run(env, work, "logging", "revertlevels").err())
                    .contains("Logging spec reverted to the peer's spec at startup.");
            assertThat(PeerCli.run(env, work, "logging", "getlogspec").err()).contains("Current logging spec: info");

            PeerCli.Result badLevel = PeerCli.run(env, work, "logging", "setlevel", "gossip", "loud");
            assertThat(badLevel.exitCode()).isEqualTo(1);
            assertThat(badLevel.err()).contains("Error: invalid log level provided - loud");
            PeerCli.Result badSpec = PeerCli.run(env, work, "logging", "setlogspec", "a=b=c");
            assertThat(badSpec.exitCode()).isEqualTo(1);
            assertThat(badSpec.err()).contains("Error: invalid logging specification 'a=b=c': bad segment 'a=b=c'");
            assertThat(PeerCli.run(env, work, "logging", "getlevel").err()).contains("Error: no parameters provided");
        }
    }

    @Test
    void onlyAdminsOfTheLocalMspMayAdministerThePeer() throws Exception {
        try (PeerProcess peer = new PeerProcess(work)
                .env("CORE_PEER_MSPCONFIGPATH", Vectors.org1PeerMsp().toString())
                .env("CORE_PEER_LOCALMSPID", "Org1MSP")
                .start().awaitHealthy(Duration.ofSeconds(60))) {
            PeerCli.Result admin = PeerCli.run(cli(peer, Vectors.org1UserMsp("Admin"), "Org1MSP"), work, "node", "status");
            assertThat(admin.out()).as("%s", admin).isEqualTo("status:STARTED\n");

            PeerCli.Result user = PeerCli.run(cli(peer, Vectors.org1UserMsp("User1"), "Org1MSP"), work, "node", "status");
            assertThat(user.exitCode()).isEqualTo(1);
            assertThat(user.out()).isEqualTo("status:UNKNOWN\n");
            assertThat(user.err()).contains("Error: Error trying to connect to local peer: PERMISSION_DENIED: access denied");

            PeerCli.Result user2 = PeerCli.run(cli(peer, Vectors.org1UserMsp("User1"), "Org1MSP"), work, "logging", "getlogspec");
            assertThat(user2.exitCode()).isEqualTo(1);
            assertThat(user2.err()).contains("access denied");
            assertThat(peer.log()).contains("unauthorized due to authentication");
        }
    }

    @Test
    void clientErrorsAreFabricsLines() throws Exception {
        PeerProcess peer = new PeerProcess(work); // not started
        PeerCli.Result down = PeerCli.run(peer.env(), work, "node", "status");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.out()).isEqualTo("status:UNKNOWN\n");
        assertThat(down.err()).contains("Error: Error trying to connect to local peer: admin client failed to connect to 127.0.0.1:"
                + peer.peerPort + ": failed to create new connection: context deadline exceeded");

        Map<String, String> noMsp = new HashMap<>(peer.env());
        noMsp.put("CORE_PEER_MSPCONFIGPATH", work.resolve("missing").toString());
        PeerCli.Result badMsp = PeerCli.run(noMsp, work, "node", "status");
        assertThat(badMsp.exitCode()).isEqualTo(1);
        assertThat(badMsp.err()).contains("Error: Cannot run peer because cannot init crypto");
    }
}
