package io.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreConfigTest {

    @TempDir
    Path dir;

    private CoreConfig write(String yaml, Map<String, String> env) throws IOException, ConfigException {
        Files.writeString(dir.resolve("core.yaml"), yaml);
        return CoreConfig.read(dir.resolve("core.yaml"), env, Map.of());
    }

    @Test
    void environmentOverridesFileAndFlagsOverrideEnvironment() throws Exception {
        CoreConfig c = write("peer:\n  tls:\n    enabled: false\n  id: fromfile\n", Map.of("CORE_PEER_TLS_ENABLED", "true"));
        assertThat(c.bool("peer.tls.enabled", false)).isTrue();
        assertThat(c.string("peer.id", "x")).isEqualTo("fromfile");
        assertThat(c.withOverrides(Map.of("peer.tls.enabled", "false")).bool("peer.tls.enabled", true)).isFalse();
    }

    @Test
    void keysMatchCaseInsensitivelyAndEnvironmentNamesFollowFabric() throws Exception {
        CoreConfig c = write("peer:\n  BCCSP:\n    Default: SW\n", Map.of());
        assertThat(c.string("peer.bccsp.default", "")).isEqualTo("SW");
        assertThat(CoreConfig.envName("peer.tls.clientKey.file")).isEqualTo("CORE_PEER_TLS_CLIENTKEY_FILE");
    }

    @Test
    void relativePathsResolveAgainstTheConfigFolderEvenFromTheEnvironment() throws Exception {
        CoreConfig c = write("peer:\n  mspConfigPath: msp\n", Map.of("CORE_PEER_FILESYSTEMPATH", "data"));
        assertThat(c.path("peer.mspConfigPath")).contains(dir.resolve("msp").toAbsolutePath().normalize());
        assertThat(c.path("peer.fileSystemPath")).contains(dir.resolve("data").toAbsolutePath().normalize());
        assertThat(c.path("peer.absent")).isEmpty();
    }

    @Test
    void wrongTypesNameTheFileTheKeyAndTheEnvironmentVariable() throws Exception {
        CoreConfig c = write("peer:\n  tls:\n    enabled: yes please\n  keepalive:\n    interval: 7200\n",
                Map.of("CORE_PEER_MAXRECVMSGSIZE", "big"));
        assertThatThrownBy(() -> c.bool("peer.tls.enabled", false)).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("core.yaml").toAbsolutePath() + ": peer.tls.enabled: expected true or false, got \"yes please\"");
        assertThatThrownBy(() -> c.integer("peer.maxRecvMsgSize", 1))
                .hasMessageContaining("peer.maxRecvMsgSize (from CORE_PEER_MAXRECVMSGSIZE): expected an integer, got \"big\"");
        assertThatThrownBy(() -> c.duration("peer.keepalive.interval", Duration.ZERO))
                .hasMessageContaining("peer.keepalive.interval: expected a duration");
    }

    @Test
    void badYamlNamesTheFileAndLine() throws Exception {
        Files.writeString(dir.resolve("core.yaml"), "peer:\n  id: [unclosed\n");
        assertThatThrownBy(() -> CoreConfig.read(dir.resolve("core.yaml"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("core.yaml: invalid YAML at line");
    }

    @Test
    void locatorFollowsFabricSearchOrder() throws Exception {
        assertThatThrownBy(() -> ConfigLocator.locate(Map.of("FABRIC_CFG_PATH", "/no/such/dir"), dir, "core.yaml"))
                .hasMessage("FABRIC_CFG_PATH /no/such/dir does not exist");
        assertThatThrownBy(() -> ConfigLocator.locate(Map.of("FABRIC_CFG_PATH", dir.toString()), dir, "core.yaml"))
                .hasMessage("Could not find config file. Please make sure that FABRIC_CFG_PATH is set to a path which contains core.yaml");
        Files.writeString(dir.resolve("core.yaml"), "peer: {}\n");
        assertThat(ConfigLocator.locate(Map.of(), dir, "core.yaml")).isEqualTo(dir.resolve("core.yaml").toAbsolutePath().normalize());
    }

    @Test
    void listsComeFromYamlOrWhitespaceSeparatedEnvironment() throws Exception {
        CoreConfig c = write("a:\n  files: [x, y]\n", Map.of("CORE_B_FILES", "p q  r"));
        assertThat(c.strings("a.files")).containsExactly("x", "y");
        assertThat(c.strings("b.files")).containsExactly("p", "q", "r");
    }
}
