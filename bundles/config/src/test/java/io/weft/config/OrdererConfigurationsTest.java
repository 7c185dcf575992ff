package io.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** orderer.yaml to the orderer's PIDs: Fabric's defaults, ORDERER_ overrides, relative paths, clear errors. */
class OrdererConfigurationsTest {

    private static final Path SHIPPED = Path.of("../../config/orderer.yaml");

    @TempDir
    Path dir;

    Map<String, Map<String, Object>> build(String yaml, Map<String, String> env) throws Exception {
        Files.writeString(dir.resolve("orderer.yaml"), yaml);
        return OrdererConfigurations.build(OrdererConfigurations.read(dir.resolve("orderer.yaml"), env));
    }

    String error(String yaml, Map<String, String> env) {
        return assertThatThrownBy(() -> build(yaml, env)).isInstanceOf(ConfigException.class).actual().getMessage();
    }

    @Test
    void emptyFileGivesFabricDefaults() throws Exception {
        Map<String, Map<String, Object>> pids = build("", Map.of());
        assertThat(pids).containsOnlyKeys(OrdererConfigurations.PIDS);
        Map<String, Object> general = pids.get(OrdererConfigurations.GENERAL_PID);
        assertThat(general).containsEntry("listenAddress", "127.0.0.1:7050").containsEntry("tls.enabled", false)
                .containsEntry("keepalive.minIntervalMillis", 60_000L)
                .containsEntry("keepalive.intervalMillis", 7_200_000L)
                .containsEntry("keepalive.timeoutMillis", 20_000L)
                .containsEntry("maxRecvMsgSize", 104_857_600L).containsEntry("maxSendMsgSize", 104_857_600L)
                .containsEntry("mspConfigPath", dir.resolve("msp").toString())
                .containsEntry("localMspId", "SampleOrg").containsEntry("localMspType", "bccsp")
                .containsEntry("bccsp.sw.hash", "SHA2").containsEntry("bccsp.sw.security", 256L)
                .containsEntry("bccsp.sw.keystore", dir.resolve("msp/keystore").toString())
                .containsEntry("timewindowMillis", 900_000L)
                .containsEntry("bootstrapMethod", "file")
                .containsEntry("bootstrapFile", dir.resolve("genesisblock").toString())
                .containsEntry("fileLedger.location", "/var/hyperledger/production/orderer")
                .containsEntry("backend", "leveldb").containsEntry("storage.target", "(weft.storage.name=leveldb)");
        assertThat(pids.get(OrdererConfigurations.ADMIN_PID)).containsEntry("listenAddress", "127.0.0.1:0")
                .containsEntry("tls.enabled", false).containsEntry("channelParticipation.enabled", false)
                .containsEntry("channelParticipation.maxRequestBodySize", 1_048_576L);
    }

    @Test
    void aSystemChannelBootstrapFileResolvesAgainstTheFile() throws Exception {
        Map<String, Object> general = build("General:\n    BootstrapMethod: file\n    BootstrapFile: system.block\n",
                Map.of()).get(OrdererConfigurations.GENERAL_PID);
        assertThat(general).containsEntry("bootstrapMethod", "file")
                .containsEntry("bootstrapFile", dir.resolve("system.block").toString());
    }

    @Test
    void zeroPortAndSizesMeanTheDefaults() throws Exception {
        Map<String, Object> general = build("""
                General:
                    ListenAddress: ""
                    ListenPort: 0
                    MaxRecvMsgSize: 0
                """, Map.of()).get(OrdererConfigurations.GENERAL_PID);
        assertThat(general).containsEntry("listenAddress", "127.0.0.1:7050").containsEntry("maxRecvMsgSize",
                104_857_600L);
    }

    @Test
    void environmentOverridesTheFileAndRelativePathsResolveAgainstIt() throws Exception {
        Map<String, Map<String, Object>> pids = build("""
                General:
                    ListenAddress: 0.0.0.0
                    ListenPort: 7050
                    LocalMSPDir: crypto/msp
                FileLedger:
                    Location: ledger
                """, Map.of("ORDERER_GENERAL_LISTENPORT", "8050", "ORDERER_GENERAL_LOCALMSPID", "OrdererMSP",
                "ORDERER_FILELEDGER_STORAGE", "memory", "ORDERER_CHANNELPARTICIPATION_ENABLED", "true",
                "ORDERER_CHANNELPARTICIPATION_MAXREQUESTBODYSIZE", "512 KB",
                "ORDERER_ADMIN_LISTENADDRESS", "0.0.0.0:7053", "CORE_PEER_ID", "ignored"));
        assertThat(pids.get(OrdererConfigurations.GENERAL_PID)).containsEntry("listenAddress", "0.0.0.0:8050")
                .containsEntry("localMspId", "OrdererMSP")
                .containsEntry("mspConfigPath", dir.resolve("crypto/msp").toString())
                .containsEntry("fileLedger.location", dir.resolve("ledger").toString())
                .containsEntry("backend", "memory").containsEntry("storage.target", "(weft.storage.name=memory)");
        assertThat(pids.get(OrdererConfigurations.ADMIN_PID)).containsEntry("listenAddress", "0.0.0.0:7053")
                .containsEntry("channelParticipation.enabled", true)
                .containsEntry("channelParticipation.maxRequestBodySize", 512L * 1024);
    }

    @Test
    void tlsFilesResolveAndMustBeReadable() throws Exception {
        Files.createDirectories(dir.resolve("tls"));
        for (String f : new String[] {"server.crt", "server.key", "ca.crt"}) {
            Files.writeString(dir.resolve("tls").resolve(f), "x");
        }
        Map<String, Object> general = build("""
                General:
                    TLS:
                        Enabled: true
                        Certificate: tls/server.crt
                        PrivateKey: tls/server.key
                        RootCAs: [tls/ca.crt]
                        ClientAuthRequired: true
                        ClientRootCAs: [tls/ca.crt]
                """, Map.of()).get(OrdererConfigurations.GENERAL_PID);
        assertThat(general).containsEntry("tls.enabled", true).containsEntry("tls.clientAuthRequired", true)
                .containsEntry("tls.cert.file", dir.resolve("tls/server.crt").toString())
                .containsEntry("tls.key.file", dir.resolve("tls/server.key").toString());
        assertThat((String[]) general.get("tls.clientRootCAs.files")).containsExactly(dir.resolve("tls/ca.crt").toString());
        assertThat((String[]) general.get("tls.rootCAs.files")).containsExactly(dir.resolve("tls/ca.crt").toString());

        assertThat(error("General:\n    TLS:\n        Enabled: true\n        Certificate: tls/missing.crt\n",
                Map.of())).isEqualTo(dir.resolve("orderer.yaml") + ": General.TLS.Certificate: cannot read "
                        + dir.resolve("tls/missing.crt"));
    }

    @Test
    void badValuesNameFileKeyAndVariable() {
        Path file = dir.resolve("orderer.yaml");
        assertThat(error("", Map.of("ORDERER_GENERAL_LISTENPORT", "seventy"))).isEqualTo(
                file + ": General.ListenPort (from ORDERER_GENERAL_LISTENPORT): expected an integer, got \"seventy\"");
        assertThat(error("General:\n    ListenPort: 70000\n", Map.of()))
                .isEqualTo(file + ": General.ListenPort: port out of range: 70000");
        assertThat(error("General:\n    Keepalive:\n        ServerTimeout: soon\n", Map.of()))
                .startsWith(file + ": General.Keepalive.ServerTimeout: expected a duration");
        assertThat(error("General:\n    BCCSP:\n        Default: PKCS11\n", Map.of()))
                .isEqualTo(file + ": General.BCCSP.Default: unsupported BCCSP provider PKCS11 (Weft supports SW)");
        assertThat(error("General:\n    BootstrapMethod: kafka\n", Map.of()))
                .isEqualTo(file + ": General.BootstrapMethod: Unknown bootstrap method: kafka");
        assertThat(error("FileLedger:\n    Storage: couchdb\n", Map.of()))
                .isEqualTo(file + ": FileLedger.Storage: expected leveldb or memory, got \"couchdb\"");
        assertThat(error("ChannelParticipation:\n    MaxRequestBodySize: lots\n", Map.of())).isEqualTo(file
                + ": ChannelParticipation.MaxRequestBodySize: expected a size such as 1048576, 512 KB or 1 MB, got \"lots\"");
        assertThat(error("Admin:\n    ListenAddress: localhost\n", Map.of()))
                .isEqualTo(file + ": Admin.ListenAddress: expected host:port, got \"localhost\"");
        assertThat(error("Admin:\n    TLS:\n        Enabled: true\n        ClientAuthRequired: false\n", Map.of()))
                .isEqualTo(file + ": Admin.TLS.ClientAuthRequired: must be set to true if Admin.TLS.Enabled is set to true");
        assertThat(error("General: [1, 2]\n", Map.of("ORDERER_GENERAL_MAXRECVMSGSIZE", "-1")))
                .isEqualTo(file + ": General.MaxRecvMsgSize (from ORDERER_GENERAL_MAXRECVMSGSIZE): must be between 0 and "
                        + Integer.MAX_VALUE + ", got -1");
    }

    @Test
    void foundOnFabricCfgPath() throws Exception {
        Files.writeString(dir.resolve("orderer.yaml"), "General:\n    ListenPort: 7150\n");
        CoreConfig c = OrdererConfigurations.load(Map.of(ConfigLocator.FABRIC_CFG_PATH, dir.toString()), Path.of("/"));
        assertThat(c.file()).isEqualTo(dir.resolve("orderer.yaml"));
        assertThat(OrdererConfigurations.build(c).get(OrdererConfigurations.GENERAL_PID))
                .containsEntry("listenAddress", "127.0.0.1:7150");
        assertThatThrownBy(() -> OrdererConfigurations.load(Map.of(ConfigLocator.FABRIC_CFG_PATH,
                dir.resolve("msp").toString()), Path.of("/"))).hasMessageContaining("does not exist");
    }

    @Test
    void shippedOrdererYamlIsValid() throws Exception {
        Map<String, Map<String, Object>> pids = OrdererConfigurations.build(OrdererConfigurations.read(SHIPPED, Map.of()));
        Path configDir = SHIPPED.toAbsolutePath().normalize().getParent();
        assertThat(pids.get(OrdererConfigurations.GENERAL_PID)).containsEntry("listenAddress", "127.0.0.1:7050")
                .containsEntry("mspConfigPath", configDir.resolve("msp").toString())
                .containsEntry("localMspId", "SampleOrg")
                .containsEntry("bootstrapMethod", "none")
                .containsEntry("fileLedger.location", configDir.resolveSibling("data").resolve("orderer").toString())
                .containsEntry("backend", "leveldb");
        assertThat(pids.get(OrdererConfigurations.ADMIN_PID)).containsEntry("listenAddress", "127.0.0.1:7053")
                .containsEntry("channelParticipation.enabled", true)
                .containsEntry("channelParticipation.maxRequestBodySize", 1_048_576L);
    }
}
