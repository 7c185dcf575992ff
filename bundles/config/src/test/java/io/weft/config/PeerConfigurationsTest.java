package io.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerConfigurationsTest {

    @TempDir
    Path dir;

    private static final String BASE = """
            peer:
              id: peer0
              listenAddress: 0.0.0.0:7051
              mspConfigPath: msp
              localMspId: Org1MSP
              keepalive:
                interval: 7200s
                timeout: 20s
                minInterval: 60s
              handlers:
                authFilters:
                  - name: DefaultAuth
                  - name: ExpirationCheck
                decorators:
                  - name: DefaultDecorator
                endorsers:
                  escc:
                    name: DefaultEndorsement
                    library:
                validators:
                  vscc:
                    name: DefaultValidation
            operations:
              listenAddress: 127.0.0.1:9443
            """;

    private Map<String, Map<String, Object>> build(String yaml, Map<String, String> env) throws Exception {
        Files.writeString(dir.resolve("core.yaml"), yaml);
        return PeerConfigurations.build(CoreConfig.read(dir.resolve("core.yaml"), env, Map.of()));
    }

    @Test
    void mapsFabricKeysToComponentConfigurations() throws Exception {
        Map<String, Map<String, Object>> pids = build(BASE, Map.of());
        assertThat(pids).containsOnlyKeys(PeerConfigurations.PIDS);
        assertThat(pids.get(PeerConfigurations.GRPC_PID)).containsEntry("listenAddress", "0.0.0.0:7051")
                .containsEntry("keepalive.intervalMillis", 7_200_000L).containsEntry("tls.enabled", false);
        assertThat(pids.get(PeerConfigurations.MSP_PID)).containsEntry("mspConfigPath", dir.resolve("msp").toString())
                .containsEntry("bccsp.sw.keystore", dir.resolve("msp/keystore").toString());
        assertThat((String[]) pids.get(PeerConfigurations.HANDLERS_PID).get("authFilters"))
                .containsExactly("DefaultAuth", "ExpirationCheck");
        assertThat((String[]) pids.get(PeerConfigurations.HANDLERS_PID).get("endorsers")).containsExactly("escc=DefaultEndorsement");
    }

    @Test
    void chaincodeListenerAndTimeoutsFollowFabricsDefaults() throws Exception {
        Map<String, Map<String, Object>> pids = build(BASE, Map.of());
        assertThat(pids.get(PeerConfigurations.GRPC_PID)).as("absent: the peer's listen host, port 7052")
                .containsEntry("chaincodeListenAddress", "0.0.0.0:7052");
        assertThat(pids.get(PeerConfigurations.CHAINCODE_PID)).containsEntry("executetimeoutMillis", 30_000L)
                .containsEntry("keepaliveMillis", 0L).as("absent: Fabric's 10000")
                .containsEntry("totalQueryLimit", 10_000L);
        pids = build(BASE, Map.of("CORE_PEER_LISTENADDRESS", "127.0.0.1:9051", "CORE_CHAINCODE_EXECUTETIMEOUT", "45s",
                "CORE_CHAINCODE_KEEPALIVE", "10", "CORE_LEDGER_STATE_TOTALQUERYLIMIT", "250"));
        assertThat(pids.get(PeerConfigurations.GRPC_PID)).containsEntry("chaincodeListenAddress", "127.0.0.1:7052");
        assertThat(pids.get(PeerConfigurations.CHAINCODE_PID)).containsEntry("executetimeoutMillis", 45_000L)
                .containsEntry("keepaliveMillis", 10_000L).containsEntry("totalQueryLimit", 250L);
        assertThat(build(BASE, Map.of("CORE_CHAINCODE_EXECUTETIMEOUT", "500ms")).get(PeerConfigurations.CHAINCODE_PID))
                .as("under a second: Fabric's 30s").containsEntry("executetimeoutMillis", 30_000L);
        assertThat(build(BASE, Map.of("CORE_PEER_CHAINCODELISTENADDRESS", "127.0.0.1:17052"))
                .get(PeerConfigurations.GRPC_PID)).containsEntry("chaincodeListenAddress", "127.0.0.1:17052");
    }

    @Test
    void authenticationTimeWindowReachesTheTimeWindowCheckPid() throws Exception {
        assertThat(build(BASE, Map.of()).get(PeerConfigurations.TIMEWINDOW_PID))
                .as("absent: Fabric's 15m").containsExactly(Map.entry("timewindowMillis", 900_000L));
        assertThat(build(BASE, Map.of("CORE_PEER_AUTHENTICATION_TIMEWINDOW", "0s")).get(PeerConfigurations.TIMEWINDOW_PID))
                .as("zero: Fabric's 15m").containsEntry("timewindowMillis", 900_000L);
        String yaml = BASE.replace("  handlers:", "  authentication:\n    timewindow: 1m30s\n  handlers:");
        assertThat(build(yaml, Map.of()).get(PeerConfigurations.TIMEWINDOW_PID)).containsEntry("timewindowMillis", 90_000L);
        assertThat(build(BASE, Map.of("CORE_PEER_AUTHENTICATION_TIMEWINDOW", "500us")).get(PeerConfigurations.TIMEWINDOW_PID))
                .containsEntry("timewindowMillis", 1L);
        assertThatThrownBy(() -> build(BASE, Map.of("CORE_PEER_AUTHENTICATION_TIMEWINDOW", "-1m")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("peer.authentication.timewindow")
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> build(BASE, Map.of("CORE_PEER_AUTHENTICATION_TIMEWINDOW", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("peer.authentication.timewindow");
    }

    @Test
    void handlerNamesCanBeOverriddenFromTheEnvironment() throws Exception {
        Map<String, Map<String, Object>> pids = build(BASE, Map.of("CORE_PEER_HANDLERS_ENDORSERS_ESCC_NAME", "Other"));
        assertThat((String[]) pids.get(PeerConfigurations.HANDLERS_PID).get("endorsers")).containsExactly("escc=Other");
    }

    @Test
    void goPluginLibrariesAreRefusedWithAnExplanation() {
        assertThatThrownBy(() -> build(BASE.replace("library:", "library: /opt/plugin.so"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("peer.handlers.endorsers.escc.library: Weft loads handlers as OSGi bundles")
                .hasMessageContaining("weft.handler.name=DefaultEndorsement");
    }

    @Test
    void unknownMspTypeIsRefused() {
        assertThatThrownBy(() -> build(BASE, Map.of("CORE_PEER_LOCALMSPTYPE", "idemix")))
                .hasMessageEndingWith("peer.localMspType (from CORE_PEER_LOCALMSPTYPE): Unsupported msp type idemix (Weft supports bccsp)");
    }

    @Test
    void tlsNeedsReadableFiles() {
        assertThatThrownBy(() -> build(BASE, Map.of("CORE_PEER_TLS_ENABLED", "true", "CORE_PEER_TLS_CERT_FILE", "tls/server.crt")))
                .hasMessageContaining("peer.tls.cert.file (from CORE_PEER_TLS_CERT_FILE): cannot read " + dir.resolve("tls/server.crt"));
    }

    @Test
    void addressesMustBeHostAndPort() {
        assertThatThrownBy(() -> build(BASE, Map.of("CORE_PEER_LISTENADDRESS", "7051")))
                .hasMessageContaining("peer.listenAddress (from CORE_PEER_LISTENADDRESS): expected host:port, got \"7051\"");
    }

    @Test
    void ledgerUsesTheLevelDbBackendForGoleveldbAndFabricDefaults() throws Exception {
        Map<String, Object> ledger = build(BASE + """
                ledger:
                  state:
                    stateDatabase: goleveldb
                  history:
                    enableHistoryDatabase: true
                """, Map.of("CORE_PEER_FILESYSTEMPATH", "data")).get(PeerConfigurations.LEDGER_PID);
        assertThat(ledger).containsEntry("fileSystemPath", dir.resolve("data").toString())
                .containsEntry("backend", "leveldb").containsEntry("storage.target", "(weft.storage.name=leveldb)")
                .containsEntry("historyEnabled", true).containsEntry("purgeInterval", 100L)
                .containsEntry("collElgProcMaxDbBatchSize", 5000L);
    }

    @Test
    void ledgerBackendMemoryIsWeftsAndOtherValuesMeanGoleveldbAsInFabric() throws Exception {
        Map<String, Object> memory = build(BASE, Map.of("CORE_LEDGER_STATE_STATEDATABASE", "memory"))
                .get(PeerConfigurations.LEDGER_PID);
        assertThat(memory).containsEntry("backend", "memory").containsEntry("storage.target", "(weft.storage.name=memory)");
        Map<String, Object> other = build(BASE, Map.of("CORE_LEDGER_STATE_STATEDATABASE", "leveldb2"))
                .get(PeerConfigurations.LEDGER_PID);
        assertThat(other).containsEntry("backend", "leveldb");
    }

    @Test
    void validatorPoolSizeDefaultsToTheProcessorsAsInFabric() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThat(build(BASE, Map.of()).get(PeerConfigurations.COMMITTER_PID)).containsEntry("validatorPoolSize", cpus);
        assertThat(build(BASE, Map.of("CORE_PEER_VALIDATORPOOLSIZE", "0")).get(PeerConfigurations.COMMITTER_PID))
                .containsEntry("validatorPoolSize", cpus);
        assertThat(build(BASE, Map.of("CORE_PEER_VALIDATORPOOLSIZE", "6")).get(PeerConfigurations.COMMITTER_PID))
                .containsEntry("validatorPoolSize", 6);
        assertThatThrownBy(() -> build(BASE, Map.of("CORE_PEER_VALIDATORPOOLSIZE", "many")))
                .hasMessageContaining("peer.validatorPoolSize");
    }

    @Test
    void transientStoreRetentionDefaultsToAThousandBlocksAsInFabric() throws Exception {
        String key = "CORE_PEER_GOSSIP_PVTDATA_TRANSIENTSTOREMAXBLOCKRETENTION";
        assertThat(build(BASE, Map.of()).get(PeerConfigurations.COMMITTER_PID))
                .containsEntry("transientstoreMaxBlockRetention", 1000L);
        assertThat(build(BASE, Map.of(key, "0")).get(PeerConfigurations.COMMITTER_PID))
                .containsEntry("transientstoreMaxBlockRetention", 1000L);
        assertThat(build(BASE, Map.of(key, "20")).get(PeerConfigurations.COMMITTER_PID))
                .containsEntry("transientstoreMaxBlockRetention", 20L);
        assertThatThrownBy(() -> build(BASE, Map.of(key, "-1")))
                .hasMessageContaining("peer.gossip.pvtData.transientstoreMaxBlockRetention");
    }

    @Test
    void ledgerHistoryIsOffWhenTheKeyIsAbsentAsInFabric() throws Exception {
        assertThat(build(BASE, Map.of()).get(PeerConfigurations.LEDGER_PID)).containsEntry("historyEnabled", false)
                .containsEntry("fileSystemPath", "/var/hyperledger/production");
    }

    @Test
    void ledgerPvtDataSettingsAreRead() throws Exception {
        Map<String, Object> ledger = build(BASE, Map.of("CORE_LEDGER_PVTDATASTORE_PURGEINTERVAL", "7",
                "CORE_LEDGER_PVTDATASTORE_COLLELGPROCMAXDBBATCHSIZE", "9")).get(PeerConfigurations.LEDGER_PID);
        assertThat(ledger).containsEntry("purgeInterval", 7L).containsEntry("collElgProcMaxDbBatchSize", 9L);
        assertThatThrownBy(() -> build(BASE, Map.of("CORE_LEDGER_PVTDATASTORE_PURGEINTERVAL", "0")))
                .hasMessageEndingWith("ledger.pvtdataStore.purgeInterval (from CORE_LEDGER_PVTDATASTORE_PURGEINTERVAL):"
                        + " must be positive, got 0");
    }

    @Test
    void couchDbIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> build(BASE, Map.of("CORE_LEDGER_STATE_STATEDATABASE", "CouchDB")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ledger.state.stateDatabase (from CORE_LEDGER_STATE_STATEDATABASE): CouchDB is not"
                        + " supported by Weft");
    }
}
