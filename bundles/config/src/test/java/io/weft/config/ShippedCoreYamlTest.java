package io.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code config/core.yaml} shipped in the distribution: Fabric 2.5's keys and values, valid for Weft. */
class ShippedCoreYamlTest {

    /** Relative to this module (Maven runs tests in bundles/config). */
    private static final Path SHIPPED = Path.of("../../config/core.yaml");

    private static CoreConfig config;

    @BeforeAll
    static void load() throws ConfigException {
        assertThat(SHIPPED).isRegularFile();
        config = CoreConfig.read(SHIPPED, Map.of(), Map.of());
    }

    @Test
    void isAcceptedByPeerConfigurations() throws ConfigException {
        assertThatCode(() -> PeerConfigurations.build(config)).doesNotThrowAnyException();
        Map<String, Map<String, Object>> pids = PeerConfigurations.build(config);
        assertThat(pids).containsOnlyKeys(PeerConfigurations.PIDS);
        assertThat((String[]) pids.get(PeerConfigurations.HANDLERS_PID).get("authFilters"))
                .containsExactly("DefaultAuth", "ExpirationCheck");
        assertThat((String[]) pids.get(PeerConfigurations.HANDLERS_PID).get("decorators")).containsExactly("DefaultDecorator");
        assertThat((String[]) pids.get(PeerConfigurations.HANDLERS_PID).get("endorsers")).containsExactly("escc=DefaultEndorsement");
        assertThat((String[]) pids.get(PeerConfigurations.HANDLERS_PID).get("validators")).containsExactly("vscc=DefaultValidation");
        assertThat(pids.get(PeerConfigurations.SSH_PID)).containsEntry("enabled", false);
        assertThat(pids.get(PeerConfigurations.TIMEWINDOW_PID)).containsExactly(Map.entry("timewindowMillis", 900_000L));
        assertThat(pids.get(PeerConfigurations.LEDGER_PID)).containsEntry("backend", "leveldb")
                .containsEntry("historyEnabled", true).containsEntry("purgeInterval", 100L);
    }

    @Test
    void hasEveryTopLevelSectionOfFabricPlusWeft() {
        for (String section : List.of("peer", "vm", "chaincode", "ledger", "operations", "metrics", "weft")) {
            assertThat(config.fromFile(section)).as(section).get().isInstanceOf(Map.class);
        }
    }

    @Test
    void weftDifferencesResolveInsideTheDistribution() throws ConfigException {
        Path configDir = SHIPPED.toAbsolutePath().normalize().getParent();
        assertThat(config.path("peer.fileSystemPath")).contains(configDir.resolveSibling("data"));
        assertThat(config.path("peer.mspConfigPath")).contains(configDir.resolve("msp"));
        assertThat(config.string("peer.localMspId", "")).isEqualTo("SampleOrg");
        assertThat(config.string("ledger.snapshots.rootDir", "")).isEmpty();
        assertThat(config.bool("weft.shell.ssh.enabled", true)).isFalse();
        assertThat(config.string("weft.shell.ssh.listenAddress", "")).isEqualTo("127.0.0.1:8101");
        assertThat(config.path("weft.shell.ssh.authorizedKeysFile")).contains(configDir.resolve("ssh/authorized_keys"));
        assertThat(config.path("weft.shell.ssh.hostKeyFile")).contains(configDir.resolve("ssh/host_key"));
    }

    @Test
    void peerSectionHasFabricValues() throws ConfigException {
        assertThat(config.string("peer.id", "")).isEqualTo("jdoe");
        assertThat(config.string("peer.networkId", "")).isEqualTo("dev");
        assertThat(config.string("peer.listenAddress", "")).isEqualTo("0.0.0.0:7051");
        assertThat(config.string("peer.address", "")).isEqualTo("0.0.0.0:7051");
        assertThat(config.bool("peer.addressAutoDetect", true)).isFalse();
        assertThat(config.isSet("peer.chaincodeListenAddress")).isFalse();
        assertThat(config.isSet("peer.chaincodeAddress")).isFalse();

        assertThat(config.bool("peer.gateway.enabled", false)).isTrue();
        assertThat(config.duration("peer.gateway.endorsementTimeout", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.duration("peer.gateway.broadcastTimeout", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.duration("peer.gateway.dialTimeout", null)).isEqualTo(Duration.ofMinutes(2));

        assertThat(config.duration("peer.keepalive.interval", null)).isEqualTo(Duration.ofSeconds(7200));
        assertThat(config.duration("peer.keepalive.timeout", null)).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.duration("peer.keepalive.minInterval", null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.duration("peer.keepalive.client.interval", null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.duration("peer.keepalive.deliveryClient.timeout", null)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void gossipSectionHasFabricValues() throws ConfigException {
        assertThat(config.string("peer.gossip.bootstrap", "")).isEqualTo("127.0.0.1:7051");
        assertThat(config.bool("peer.gossip.useLeaderElection", true)).isFalse();
        assertThat(config.bool("peer.gossip.orgLeader", false)).isTrue();
        assertThat(config.duration("peer.gossip.membershipTrackerInterval", null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.isSet("peer.gossip.endpoint")).isFalse();
        assertThat(config.isSet("peer.gossip.externalEndpoint")).isFalse();
        assertThat(config.isSet("peer.gossip.stateInfoRetentionInterval")).isFalse();
        assertThat(config.integer("peer.gossip.maxBlockCountToStore", 0)).isEqualTo(10);
        assertThat(config.duration("peer.gossip.maxPropagationBurstLatency", null)).isEqualTo(Duration.ofMillis(10));
        assertThat(config.integer("peer.gossip.propagatePeerNum", 0)).isEqualTo(3);
        assertThat(config.duration("peer.gossip.pullInterval", null)).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.duration("peer.gossip.requestWaitTime", null)).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.duration("peer.gossip.aliveExpirationTimeout", null)).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.integer("peer.gossip.maxConnectionAttempts", 0)).isEqualTo(120);
        assertThat(config.integer("peer.gossip.msgExpirationFactor", 0)).isEqualTo(20);
        assertThat(config.duration("peer.gossip.election.startupGracePeriod", null)).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.duration("peer.gossip.election.leaderElectionDuration", null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.duration("peer.gossip.pvtData.pullRetryThreshold", null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.integer("peer.gossip.pvtData.transientstoreMaxBlockRetention", 0)).isEqualTo(1000);
        assertThat(config.duration("peer.gossip.pvtData.reconcileSleepInterval", null)).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.bool("peer.gossip.pvtData.reconciliationEnabled", false)).isTrue();
        assertThat(config.integer("peer.gossip.pvtData.implicitCollectionDisseminationPolicy.requiredPeerCount", -1))
                .isZero();
        assertThat(config.integer("peer.gossip.pvtData.implicitCollectionDisseminationPolicy.maxPeerCount", -1))
                .isEqualTo(1);
        assertThat(config.bool("peer.gossip.state.enabled", true)).isFalse();
        assertThat(config.integer("peer.gossip.state.blockBufferSize", 0)).isEqualTo(20);
        assertThat(config.integer("peer.gossip.state.maxRetries", 0)).isEqualTo(3);
    }

    @Test
    void otherPeerSubsectionsHaveFabricValues() throws ConfigException {
        assertThat(config.bool("peer.tls.enabled", true)).isFalse();
        assertThat(config.bool("peer.tls.clientAuthRequired", true)).isFalse();
        assertThat(config.string("peer.tls.cert.file", "")).isEqualTo("tls/server.crt");
        assertThat(config.string("peer.tls.key.file", "")).isEqualTo("tls/server.key");
        assertThat(config.string("peer.tls.rootcert.file", "")).isEqualTo("tls/ca.crt");
        assertThat(config.strings("peer.tls.clientRootCAs.files")).containsExactly("tls/ca.crt");
        assertThat(config.isSet("peer.tls.clientKey.file")).isFalse();
        assertThat(config.duration("peer.authentication.timewindow", null)).isEqualTo(Duration.ofMinutes(15));

        assertThat(config.string("peer.BCCSP.Default", "")).isEqualTo("SW");
        assertThat(config.string("peer.BCCSP.SW.Hash", "")).isEqualTo("SHA2");
        assertThat(config.integer("peer.BCCSP.SW.Security", 0)).isEqualTo(256);
        assertThat(config.mapping("peer.BCCSP.PKCS11")).containsKeys("Library", "Label", "Pin", "KeyIds");
        assertThat(config.string("peer.localMspType", "")).isEqualTo("bccsp");
        assertThat(config.duration("peer.client.connTimeout", null)).isEqualTo(Duration.ofSeconds(3));

        assertThat(config.bool("peer.deliveryclient.blockGossipEnabled", false)).isTrue();
        assertThat(config.duration("peer.deliveryclient.reconnectTotalTimeThreshold", null)).isEqualTo(Duration.ofSeconds(3600));
        assertThat(config.duration("peer.deliveryclient.connTimeout", null)).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.duration("peer.deliveryclient.reConnectBackoffThreshold", null)).isEqualTo(Duration.ofSeconds(3600));
        assertThat(config.mappings("peer.deliveryclient.addressOverrides")).isEmpty();

        assertThat(config.bool("peer.profile.enabled", true)).isFalse();
        assertThat(config.string("peer.profile.listenAddress", "")).isEqualTo("0.0.0.0:6060");
        assertThat(config.integer("peer.validatorPoolSize", 0)).isZero();

        assertThat(config.bool("peer.discovery.enabled", false)).isTrue();
        assertThat(config.bool("peer.discovery.authCacheEnabled", false)).isTrue();
        assertThat(config.integer("peer.discovery.authCacheMaxSize", 0)).isEqualTo(1000);
        assertThat(config.string("peer.discovery.authCachePurgeRetentionRatio", "")).isEqualTo("0.75");
        assertThat(config.bool("peer.discovery.orgMembersAllowedAccess", true)).isFalse();

        assertThat(config.integer("peer.limits.concurrency.endorserService", 0)).isEqualTo(2500);
        assertThat(config.integer("peer.limits.concurrency.deliverService", 0)).isEqualTo(2500);
        assertThat(config.integer("peer.limits.concurrency.gatewayService", 0)).isEqualTo(500);
        assertThat(config.integer("peer.maxRecvMsgSize", 0)).isEqualTo(104857600);
        assertThat(config.integer("peer.maxSendMsgSize", 0)).isEqualTo(104857600);
    }

    @Test
    void handlersCarryNoPluginLibrary() throws ConfigException {
        Map<String, Object> handlers = config.mapping("peer.handlers");
        assertThat(handlers).containsOnlyKeys("authFilters", "decorators", "endorsers", "validators");
        List<String> libraries = new ArrayList<>();
        collectLibraries("peer.handlers", handlers, libraries);
        assertThat(libraries).as("library keys with a value").isEmpty();
    }

    private static void collectLibraries(String at, Object node, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object value = e.getValue();
                if (key.equalsIgnoreCase("library") && value != null && !String.valueOf(value).isBlank()) {
                    found.add(at + "." + key + "=" + value);
                }
                collectLibraries(at + "." + key, value, found);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectLibraries(at + "[" + i + "]", list.get(i), found);
            }
        }
    }

    @Test
    void vmAndChaincodeSectionsHaveFabricValues() throws ConfigException {
        assertThat(config.string("vm.endpoint", "")).isEqualTo("unix:///var/run/docker.sock");
        assertThat(config.bool("vm.docker.tls.enabled", true)).isFalse();
        assertThat(config.string("vm.docker.hostConfig.NetworkMode", "")).isEqualTo("host");
        assertThat(config.string("vm.docker.hostConfig.LogConfig.Config.max-size", "")).isEqualTo("50m");
        assertThat(config.integer("vm.docker.hostConfig.Memory", 0)).isEqualTo(2147483648L);

        assertThat(config.string("chaincode.builder", "")).isEqualTo("$(DOCKER_NS)/fabric-ccenv:$(TWO_DIGIT_VERSION)");
        assertThat(config.string("chaincode.java.runtime", "")).isEqualTo("$(DOCKER_NS)/fabric-javaenv:$(TWO_DIGIT_VERSION)");
        List<Map<String, Object>> builders = config.mappings("chaincode.externalBuilders");
        assertThat(builders).hasSize(1);
        assertThat(builders.get(0)).containsEntry("name", "ccaas_builder")
                .containsEntry("path", "/opt/hyperledger/ccaas_builder")
                .containsEntry("propagateEnvironment", List.of("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG"));
        assertThat(config.duration("chaincode.installTimeout", null)).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.duration("chaincode.startuptimeout", null)).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.duration("chaincode.executetimeout", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.string("chaincode.mode", "")).isEqualTo("net");
        assertThat(config.integer("chaincode.keepalive", -1)).isZero();
        assertThat(config.mapping("chaincode.system")).containsOnlyKeys("_lifecycle", "cscc", "lscc", "qscc")
                .allSatisfy((name, value) -> assertThat(value).isEqualTo("enable"));
        assertThat(config.string("chaincode.logging.level", "")).isEqualTo("info");
        assertThat(config.string("chaincode.logging.shim", "")).isEqualTo("warning");
        assertThat(config.string("chaincode.logging.format", "")).startsWith("%{color}%{time:2006-01-02 15:04:05.000 MST}");
    }

    @Test
    void ledgerOperationsAndMetricsSectionsHaveFabricValues() throws ConfigException {
        assertThat(config.string("ledger.state.stateDatabase", "")).isEqualTo("goleveldb");
        assertThat(config.integer("ledger.state.totalQueryLimit", 0)).isEqualTo(100000);
        assertThat(config.string("ledger.state.couchDBConfig.couchDBAddress", "")).isEqualTo("127.0.0.1:5984");
        assertThat(config.duration("ledger.state.couchDBConfig.requestTimeout", null)).isEqualTo(Duration.ofSeconds(35));
        assertThat(config.integer("ledger.state.couchDBConfig.maxBatchUpdateSize", 0)).isEqualTo(1000);
        assertThat(config.integer("ledger.state.couchDBConfig.cacheSize", 0)).isEqualTo(64);
        assertThat(config.bool("ledger.history.enableHistoryDatabase", false)).isTrue();
        assertThat(config.integer("ledger.pvtdataStore.purgeInterval", 0)).isEqualTo(100);
        assertThat(config.duration("ledger.pvtdataStore.deprioritizedDataReconcilerInterval", null))
                .isEqualTo(Duration.ofMinutes(60));
        assertThat(config.bool("ledger.pvtdataStore.purgedKeyAuditLogging", false)).isTrue();

        assertThat(config.string("operations.listenAddress", "")).isEqualTo("127.0.0.1:9443");
        assertThat(config.bool("operations.tls.enabled", true)).isFalse();
        assertThat(config.bool("operations.tls.clientAuthRequired", true)).isFalse();
        assertThat(config.strings("operations.tls.clientRootCAs.files")).isEmpty();

        assertThat(config.string("metrics.provider", "")).isEqualTo("disabled");
        assertThat(config.string("metrics.statsd.network", "")).isEqualTo("udp");
        assertThat(config.string("metrics.statsd.address", "")).isEqualTo("127.0.0.1:8125");
        assertThat(config.duration("metrics.statsd.writeInterval", null)).isEqualTo(Duration.ofSeconds(10));
    }
}
