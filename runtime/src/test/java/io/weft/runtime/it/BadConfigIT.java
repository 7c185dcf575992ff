package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad configuration stops {@code peer node start} with one line naming the file and key, exit code
 * 1, and nothing half-started: no listener is left, the data folder's lock is free.
 */
class BadConfigIT {

    @TempDir
    Path work;
    Path config;
    Map<String, String> env;

    @BeforeEach
    void setUp() {
        config = Dist.copyConfig(work.resolve("config"));
        env = new HashMap<>(Map.of("FABRIC_CFG_PATH", config.toString(), "CORE_PEER_FILESYSTEMPATH", work.resolve("data").toString(),
                "CORE_PEER_LISTENADDRESS", "127.0.0.1:" + FreePorts.next(),
                "CORE_OPERATIONS_LISTENADDRESS", "127.0.0.1:" + FreePorts.next()));
    }

    private PeerCli.Result start() {
        return PeerCli.run(env, work, "node", "start");
    }

    private static void assertOneErrorLine(PeerCli.Result r, String expected) {
        assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
        String errorLines = r.err().lines().filter(l -> l.startsWith("Error: ")).reduce("", (a, b) -> a + b + "\n");
        assertThat(errorLines).as("%s", r).isEqualTo("Error: " + expected + "\n");
    }

    @Test
    void missingConfigFile() {
        env.put("FABRIC_CFG_PATH", work.toString());
        assertOneErrorLine(start(),
                "Could not find config file. Please make sure that FABRIC_CFG_PATH is set to a path which contains core.yaml");
        env.put("FABRIC_CFG_PATH", work.resolve("nowhere").toString());
        assertOneErrorLine(start(), "FABRIC_CFG_PATH " + work.resolve("nowhere") + " does not exist");
    }

    @Test
    void badYaml() throws IOException {
        Files.writeString(config.resolve("core.yaml"), "peer:\n  id: [oops\n");
        PeerCli.Result r = start();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Error: " + config.resolve("core.yaml") + ": invalid YAML at line");
    }

    @Test
    void wrongTypeNamesFileAndKey() {
        env.put("CORE_PEER_TLS_ENABLED", "maybe");
        assertOneErrorLine(start(), config.resolve("core.yaml")
                + ": peer.tls.enabled (from CORE_PEER_TLS_ENABLED): expected true or false, got \"maybe\"");
    }

    @Test
    void unknownMspType() {
        env.put("CORE_PEER_LOCALMSPTYPE", "idemix");
        assertOneErrorLine(start(), config.resolve("core.yaml")
                + ": peer.localMspType (from CORE_PEER_LOCALMSPTYPE): Unsupported msp type idemix (Weft supports bccsp)");
    }

    @Test
    void goPluginLibraryIsExplained() throws IOException {
        String yaml = Files.readString(config.resolve("core.yaml"));
        String withLibrary = yaml.replaceFirst("(name: DefaultEndorsement\\s*\\n\\s*library:)[^\\n]*", "$1 /opt/lib/escc.so");
        assertThat(withLibrary).isNotEqualTo(yaml);
        Files.writeString(config.resolve("core.yaml"), withLibrary);
        PeerCli.Result r = start();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("peer.handlers.endorsers.escc.library: Weft loads handlers as OSGi bundles");
    }

    @Test
    void portInUseStopsEverythingAndReleasesTheLock() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            env.put("CORE_PEER_LISTENADDRESS", "127.0.0.1:" + busy.getLocalPort());
            PeerCli.Result r = start();
            assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
            assertThat(r.err()).contains("Error: peer server: cannot serve gRPC on peer.listenAddress 127.0.0.1:" + busy.getLocalPort());
        }
        // nothing half-started: the operations port is free again and a good start works on the same data
        String ops = env.get("CORE_OPERATIONS_LISTENADDRESS");
        try (ServerSocket free = new ServerSocket(Integer.parseInt(ops.substring(ops.lastIndexOf(':') + 1)), 1,
                InetAddress.getLoopbackAddress())) {
            assertThat(free.isBound()).isTrue();
        }
    }

    @Test
    void aSecondPeerOnTheSameDataIsRefused() throws Exception {
        try (PeerProcess first = new PeerProcess(work.resolve("first"))) {
            first.env("CORE_PEER_FILESYSTEMPATH", work.resolve("data").toString()).start()
                    .awaitHealthy(java.time.Duration.ofSeconds(60));
            PeerCli.Result second = start();
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err()).contains("Error: another peer is running with peer.fileSystemPath " + work.resolve("data"));
        }
    }
}
