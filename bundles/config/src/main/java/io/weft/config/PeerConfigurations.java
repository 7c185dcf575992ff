package io.weft.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.weft.api.storage.StorageException;
import io.weft.api.storage.StorageProvider;

/**
 * Maps {@code core.yaml} to the typed configurations (ConfigAdmin PIDs) of the peer's components.
 * The launcher calls {@link #build} to validate a configuration before it starts anything; the
 * core bundle calls it again to write the PIDs. Values are ConfigAdmin types: {@code String},
 * {@code Boolean}, {@code Long}, {@code String[]}; durations are in milliseconds, in properties
 * whose names end in {@code Millis}; paths are absolute.
 */
public final class PeerConfigurations {

    public static final String NODE_PID = "io.weft.core.node";
    public static final String MSP_PID = "io.weft.core.msp";
    public static final String GRPC_PID = "io.weft.core.grpc";
    public static final String OPERATIONS_PID = "io.weft.core.operations";
    public static final String HANDLERS_PID = "io.weft.core.handlers";
    public static final String SSH_PID = "io.weft.shell.ssh";
    public static final String LEDGER_PID = "io.weft.core.ledger";
    public static final String COMMITTER_PID = "io.weft.core.committer";
    /**
     * Chaincode support: {@code chaincode.executetimeout}, {@code chaincode.keepalive},
     * {@code ledger.state.totalQueryLimit}.
     */
    public static final String CHAINCODE_PID = "io.weft.core.chaincode";
    /** The {@code TimeWindowCheck} auth filter's window ({@code peer.authentication.timewindow}). */
    public static final String TIMEWINDOW_PID = "io.weft.auth.timewindow";

    /** Every PID this mapping owns. */
    public static final List<String> PIDS = List.of(NODE_PID, MSP_PID, GRPC_PID, OPERATIONS_PID, HANDLERS_PID, SSH_PID,
            LEDGER_PID, COMMITTER_PID, TIMEWINDOW_PID, CHAINCODE_PID);

    /** The MSP types Fabric knows; only {@code bccsp} (Fabric's X.509 MSP) is supported. */
    public static final String MSP_TYPE_BCCSP = "bccsp";

    private PeerConfigurations() {
    }

    /**
     * The configuration of every owned PID, validated.
     *
     * @throws ConfigException naming the file and key of the first problem
     */
    public static Map<String, Map<String, Object>> build(CoreConfig c) throws ConfigException {
        Map<String, Map<String, Object>> pids = new LinkedHashMap<>();
        pids.put(NODE_PID, node(c));
        pids.put(MSP_PID, msp(c));
        pids.put(GRPC_PID, grpc(c));
        pids.put(OPERATIONS_PID, operations(c));
        pids.put(HANDLERS_PID, handlers(c));
        pids.put(SSH_PID, ssh(c));
        pids.put(LEDGER_PID, ledger(c));
        pids.put(COMMITTER_PID, committer(c));
        pids.put(TIMEWINDOW_PID, timeWindow(c));
        pids.put(CHAINCODE_PID, chaincode(c));
        return pids;
    }

    static Map<String, Object> node(CoreConfig c) throws ConfigException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", c.string("peer.id", "jdoe"));
        p.put("networkId", c.string("peer.networkId", "dev"));
        p.put("address", address(c, "peer.address", address(c, "peer.listenAddress", "0.0.0.0:7051")));
        p.put("fileSystemPath", c.path("peer.fileSystemPath").orElse(Path.of("/var/hyperledger/production")).toString());
        p.put("localMspId", c.string("peer.localMspId", ""));
        return p;
    }

    static Map<String, Object> msp(CoreConfig c) throws ConfigException {
        Map<String, Object> p = new LinkedHashMap<>();
        Path dir = c.path("peer.mspConfigPath").orElseThrow(() -> c.error("peer.mspConfigPath", "must be set"));
        p.put("mspConfigPath", dir.toString());
        String id = c.string("peer.localMspId", "");
        if (id.isBlank()) {
            throw c.error("peer.localMspId", "the local MSP must have an ID");
        }
        p.put("localMspId", id);
        String type = c.string("peer.localMspType", MSP_TYPE_BCCSP);
        if (type.isEmpty()) {
            type = MSP_TYPE_BCCSP;
        }
        if (!type.equals(MSP_TYPE_BCCSP)) {
            throw c.error("peer.localMspType", "Unsupported msp type " + type + " (Weft supports " + MSP_TYPE_BCCSP + ")");
        }
        p.put("localMspType", type);
        bccsp(c, "peer.BCCSP", dir, p);
        return p;
    }

    /** A BCCSP section ({@code peer.BCCSP}, {@code General.BCCSP}): only SW, as the local MSP properties read it. */
    static void bccsp(CoreConfig c, String prefix, Path mspDir, Map<String, Object> p) throws ConfigException {
        String provider = c.string(prefix + ".Default", "SW");
        if (provider.isBlank()) {
            provider = "SW";
        }
        if (!provider.equals("SW")) {
            throw c.error(prefix + ".Default", "unsupported BCCSP provider " + provider + " (Weft supports SW)");
        }
        p.put("bccsp.default", provider);
        String hash = c.string(prefix + ".SW.Hash", "SHA2");
        if (!hash.equals("SHA2") && !hash.equals("SHA3")) {
            throw c.error(prefix + ".SW.Hash", "expected SHA2 or SHA3, got \"" + hash + "\"");
        }
        p.put("bccsp.sw.hash", hash);
        long security = c.integer(prefix + ".SW.Security", 256);
        if (security != 256 && security != 384) {
            throw c.error(prefix + ".SW.Security", "expected 256 or 384, got " + security);
        }
        p.put("bccsp.sw.security", security);
        p.put("bccsp.sw.keystore", c.path(prefix + ".SW.FileKeyStore.KeyStore").orElse(mspDir.resolve("keystore")).toString());
    }

    static Map<String, Object> grpc(CoreConfig c) throws ConfigException {
        Map<String, Object> p = new LinkedHashMap<>();
        String listen = address(c, "peer.listenAddress", "0.0.0.0:7051");
        p.put("listenAddress", listen);
        // as Fabric, an absent peer.chaincodeListenAddress means the peer's listen host on port 7052
        p.put("chaincodeListenAddress", address(c, "peer.chaincodeListenAddress",
                listen.substring(0, listen.lastIndexOf(':')) + ":7052"));
        // the chaincode listener's TLS certificate names the host chaincodes dial, as Fabric's
        p.put("chaincodeAddress", chaincodeEndpoint(c));
        tls(c, "peer.tls", p);
        // the client side of peer.tls (block delivery, gateway): Fabric's clientCert/clientKey, else the server pair
        p.put("tls.clientCert.file", file(c, "peer.tls.clientCert.file", false));
        p.put("tls.clientKey.file", file(c, "peer.tls.clientKey.file", false));
        p.put("deliveryclient.connTimeoutMillis", millis(c, "peer.deliveryclient.connTimeout", Duration.ofSeconds(3)));
        p.put("deliveryclient.reConnectBackoffThresholdMillis",
                millis(c, "peer.deliveryclient.reConnectBackoffThreshold", Duration.ofHours(1)));
        p.put("deliveryclient.reconnectTotalTimeThresholdMillis",
                millis(c, "peer.deliveryclient.reconnectTotalTimeThreshold", Duration.ofHours(1)));
        addressOverrides(c, p);
        p.put("keepalive.intervalMillis", millis(c, "peer.keepalive.interval", Duration.ofHours(2)));
        p.put("keepalive.timeoutMillis", millis(c, "peer.keepalive.timeout", Duration.ofSeconds(20)));
        p.put("keepalive.minIntervalMillis", millis(c, "peer.keepalive.minInterval", Duration.ofMinutes(1)));
        p.put("maxRecvMsgSize", positive(c, "peer.maxRecvMsgSize", 100L * 1024 * 1024));
        p.put("maxSendMsgSize", positive(c, "peer.maxSendMsgSize", 100L * 1024 * 1024));
        p.put("limits.concurrency.endorserService", nonNegative(c, "peer.limits.concurrency.endorserService", 0));
        p.put("limits.concurrency.deliverService", nonNegative(c, "peer.limits.concurrency.deliverService", 0));
        p.put("limits.concurrency.gatewayService", nonNegative(c, "peer.limits.concurrency.gatewayService", 0));
        return p;
    }

    /**
     * As Fabric: {@code chaincode.executetimeout} (30s when absent), {@code chaincode.keepalive} in plain seconds,
     * {@code ledger.state.totalQueryLimit} (10000 when absent).
     */
    static Map<String, Object> chaincode(CoreConfig c) throws ConfigException {
        Map<String, Object> p = new LinkedHashMap<>();
        Duration timeout = c.duration("chaincode.executetimeout", Duration.ofSeconds(30));
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            timeout = Duration.ofSeconds(30);
        }
        p.put("executetimeoutMillis", timeout.toMillis());
        long keepalive = c.integer("chaincode.keepalive", 0);
        p.put("keepaliveMillis", Math.max(0, keepalive) * 1000L);
        // as Fabric (a Go int compared with int32 counts), any integer; clamped to the int range
        long totalQueryLimit = c.integer("ledger.state.totalQueryLimit", 10_000);
        p.put("totalQueryLimit", Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, totalQueryLimit)));
        // anything but dev is net, as Fabric's peer reads it
        p.put("devMode", "dev".equals(c.string("chaincode.mode", "net")));
        p.put("startuptimeoutMillis", millis(c, "chaincode.startuptimeout", Duration.ofSeconds(300)));
        p.put("chaincodeAddress", chaincodeEndpoint(c));
        p.put("fileSystemPath", c.path("peer.fileSystemPath").orElse(Path.of("/var/hyperledger/production")).toString());
        List<String> names = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<String> environments = new ArrayList<>();
        for (Map<String, Object> builder : c.mappings("chaincode.externalBuilders")) {
            String path = builder.get("path") == null ? "" : String.valueOf(builder.get("path"));
            String name = builder.get("name") == null ? "" : String.valueOf(builder.get("name"));
            if (path.isEmpty()) {
                throw c.error("chaincode.externalBuilders",
                        "invalid external builder configuration, path attribute missing in one or more builders");
            }
            if (name.isEmpty()) {
                throw c.error("chaincode.externalBuilders", "external builder at path " + path + " has no name attribute");
            }
            Object env = builder.get("propagateEnvironment");
            if (env == null) {
                env = builder.get("environmentWhitelist"); // Fabric 2.0's name, still read
            }
            List<String> vars = new ArrayList<>();
            if (env instanceof List<?> list) {
                list.forEach(v -> vars.add(String.valueOf(v)));
            }
            names.add(name);
            paths.add(path);
            environments.add(String.join(",", vars));
        }
        p.put("externalBuilders.names", names.toArray(String[]::new));
        p.put("externalBuilders.paths", paths.toArray(String[]::new));
        p.put("externalBuilders.propagateEnvironment", environments.toArray(String[]::new));
        return p;
    }

    /**
     * Fabric's {@code computeChaincodeEndpoint}: where launched chaincodes reach the peer — {@code peer.chaincodeAddress},
     * else the chaincode listen address, its wildcard host replaced by the peer's own host.
     */
    static String chaincodeEndpoint(CoreConfig c) throws ConfigException {
        String configured = c.string("peer.chaincodeAddress", "");
        if (!configured.isEmpty()) {
            String address = address(c, "peer.chaincodeAddress", configured);
            if (address.startsWith("0.0.0.0:")) {
                throw c.error("peer.chaincodeAddress", "ChaincodeAddress' IP cannot be 0.0.0.0 in non-dev mode");
            }
            return address;
        }
        String peerAddress = address(c, "peer.address", address(c, "peer.listenAddress", "0.0.0.0:7051"));
        String peerHost = peerAddress.substring(0, peerAddress.lastIndexOf(':'));
        String listen = c.string("peer.chaincodeListenAddress", "");
        if (listen.isEmpty()) {
            return peerHost + ":7052";
        }
        String address = address(c, "peer.chaincodeListenAddress", listen);
        String host = address.substring(0, address.lastIndexOf(':'));
        return ("0.0.0.0".equals(host) ? peerHost : host) + address.substring(address.lastIndexOf(':'));
    }

    static Map<String, Object> operations(CoreConfig c) throws ConfigException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("listenAddress", address(c, "operations.listenAddress", "127.0.0.1:9443"));
        tls(c, "operations.tls", p);
        // as Fabric, an unknown provider only disables metrics (the operations component warns)
        p.put("metrics.provider", c.string("metrics.provider", "disabled"));
        return p;
    }

    static Map<String, Object> handlers(CoreConfig c) throws ConfigException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("authFilters", namedList(c, "peer.handlers.authFilters"));
        p.put("decorators", namedList(c, "peer.handlers.decorators"));
        p.put("endorsers", namedMap(c, "peer.handlers.endorsers"));
        p.put("validators", namedMap(c, "peer.handlers.validators"));
        return p;
    }

    static Map<String, Object> ssh(CoreConfig c) throws ConfigException {
        Map<String, Object> p = new LinkedHashMap<>();
        boolean enabled = c.bool("weft.shell.ssh.enabled", false);
        p.put("enabled", enabled);
        String address = address(c, "weft.shell.ssh.listenAddress", "127.0.0.1:8101");
        p.put("listenAddress", address);
        Optional<Path> keys = c.path("weft.shell.ssh.authorizedKeysFile");
        if (enabled && keys.isEmpty()) {
            throw c.error("weft.shell.ssh.authorizedKeysFile", "must name an authorized_keys file when SSH is enabled");
        }
        if (enabled && !Files.isReadable(keys.get())) {
            throw c.error("weft.shell.ssh.authorizedKeysFile", "cannot read " + keys.get());
        }
        p.put("authorizedKeysFile", keys.map(Path::toString).orElse(""));
        p.put("hostKeyFile", c.path("weft.shell.ssh.hostKeyFile").map(Path::toString).orElse(""));
        return p;
    }

    /**
     * The ledger manager: where the ledgers live, the storage backend they open on (also as the DS target of the
     * manager's {@code storage} reference, so a change of backend rebinds it) and Fabric's ledger settings.
     */
    static Map<String, Object> ledger(CoreConfig c) throws ConfigException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("fileSystemPath", c.path("peer.fileSystemPath").orElse(Path.of("/var/hyperledger/production")).toString());
        String backend = backend(c);
        p.put("backend", backend);
        p.put("storage.target", "(" + StorageProvider.NAME_PROPERTY + "=" + backend + ")");
        // as Fabric, an absent key reads as false (the shipped core.yaml sets it)
        p.put("historyEnabled", c.bool("ledger.history.enableHistoryDatabase", false));
        p.put("purgeInterval", positiveInt(c, "ledger.pvtdataStore.purgeInterval", 100));
        p.put("collElgProcMaxDbBatchSize", positiveInt(c, "ledger.pvtdataStore.collElgProcMaxDbBatchSize", 5000));
        return p;
    }

    static Map<String, Object> committer(CoreConfig c) throws ConfigException {
        Map<String, Object> p = new LinkedHashMap<>();
        // as Fabric, an empty or non-positive pool size means one validator per processor
        long pool = c.integer("peer.validatorPoolSize", 0);
        p.put("validatorPoolSize", (int) (pool <= 0 ? Runtime.getRuntime().availableProcessors() : Math.min(pool, 1024)));
        // as Fabric, unset or zero means 1000 blocks
        String retentionKey = "peer.gossip.pvtData.transientstoreMaxBlockRetention";
        long retention = c.integer(retentionKey, 0);
        if (retention < 0) {
            throw c.error(retentionKey, "must not be negative");
        }
        p.put("transientstoreMaxBlockRetention", retention == 0 ? 1000L : retention);
        return p;
    }

    /** The accepted clock skew of client requests; as Fabric, unset or zero means 15 minutes. */
    static Map<String, Object> timeWindow(CoreConfig c) throws ConfigException {
        String key = "peer.authentication.timewindow";
        Duration window = c.duration(key, Duration.ZERO);
        if (window.isNegative()) {
            throw c.error(key, "must not be negative");
        }
        if (window.isZero()) {
            window = Duration.ofMinutes(15);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        // whole milliseconds; a positive window below one millisecond stays positive
        p.put("timewindowMillis", Math.max(1L, window.toMillis()));
        return p;
    }

    private static String backend(CoreConfig c) throws ConfigException {
        String key = "ledger.state.stateDatabase";
        try {
            return StorageProvider.backendFor(c.string(key, "goleveldb"));
        } catch (StorageException e) {
            throw c.error(key, "CouchDB is not supported by Weft; use goleveldb (or memory, Weft's in-memory backend)");
        }
    }

    private static void tls(CoreConfig c, String prefix, Map<String, Object> p) throws ConfigException {
        boolean enabled = c.bool(prefix + ".enabled", false);
        boolean clientAuth = c.bool(prefix + ".clientAuthRequired", false);
        p.put("tls.enabled", enabled);
        p.put("tls.clientAuthRequired", clientAuth);
        p.put("tls.cert.file", file(c, prefix + ".cert.file", enabled));
        p.put("tls.key.file", file(c, prefix + ".key.file", enabled));
        p.put("tls.rootcert.file", file(c, prefix + ".rootcert.file", false));
        List<String> roots = new ArrayList<>();
        for (String f : c.strings(prefix + ".clientRootCAs.files")) {
            Path path = c.resolve(f);
            if (enabled && clientAuth && !Files.isReadable(path)) {
                throw c.error(prefix + ".clientRootCAs.files", "cannot read " + path);
            }
            roots.add(path.toString());
        }
        if (enabled && clientAuth && roots.isEmpty() && !prefix.startsWith("peer")) {
            throw c.error(prefix + ".clientRootCAs.files", "client authentication needs at least one root CA file");
        }
        p.put("tls.clientRootCAs.files", roots.toArray(String[]::new));
    }

    /** A path key; when {@code required}, the file must exist and be readable. */
    static String file(CoreConfig c, String key, boolean required) throws ConfigException {
        Optional<Path> path = c.path(key);
        if (required) {
            if (path.isEmpty()) {
                throw c.error(key, "must be set when TLS is enabled");
            }
            if (!Files.isReadable(path.get())) {
                throw c.error(key, "cannot read " + path.get());
            }
        }
        return path.map(Path::toString).orElse("");
    }

    /** A {@code host:port} address; the port must be a number in range. */
    static String address(CoreConfig c, String key, String defaultValue) throws ConfigException {
        String a = c.string(key, defaultValue).trim();
        int colon = a.lastIndexOf(':');
        if (colon < 0) {
            throw c.error(key, "expected host:port, got \"" + a + "\"");
        }
        try {
            int port = Integer.parseInt(a.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw c.error(key, "port out of range in \"" + a + "\"");
            }
        } catch (NumberFormatException e) {
            throw c.error(key, "expected host:port, got \"" + a + "\"");
        }
        return a;
    }

    static long millis(CoreConfig c, String key, Duration defaultValue) throws ConfigException {
        Duration d = c.duration(key, defaultValue);
        if (d.isNegative()) {
            throw c.error(key, "must not be negative");
        }
        return d.toMillis();
    }

    static long positive(CoreConfig c, String key, long defaultValue) throws ConfigException {
        long v = c.integer(key, defaultValue);
        if (v <= 0) {
            throw c.error(key, "must be positive, got " + v);
        }
        return v;
    }

    private static long positiveInt(CoreConfig c, String key, long defaultValue) throws ConfigException {
        long v = positive(c, key, defaultValue);
        if (v > Integer.MAX_VALUE) {
            throw c.error(key, "must be at most " + Integer.MAX_VALUE + ", got " + v);
        }
        return v;
    }

    private static long nonNegative(CoreConfig c, String key, long defaultValue) throws ConfigException {
        long v = c.integer(key, defaultValue);
        if (v < 0) {
            throw c.error(key, "must not be negative, got " + v);
        }
        return v;
    }

    /**
     * {@code peer.deliveryclient.addressOverrides: [{from, to, caCertsFile}]} → three parallel arrays; the CA file, when
     * given, must be readable (Fabric refuses to start otherwise).
     */
    private static void addressOverrides(CoreConfig c, Map<String, Object> p) throws ConfigException {
        String key = "peer.deliveryclient.addressOverrides";
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        List<String> cas = new ArrayList<>();
        List<Map<String, Object>> entries = c.mappings(key);
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> e = entries.get(i);
            String entryKey = key + "[" + i + "]";
            Object f = e.get("from");
            Object t = e.get("to");
            if (f == null || t == null || String.valueOf(f).isBlank() || String.valueOf(t).isBlank()) {
                throw c.error(entryKey, "an address override needs both from and to");
            }
            from.add(String.valueOf(f));
            to.add(String.valueOf(t));
            Object ca = e.get("caCertsFile");
            String caPath = ca == null || String.valueOf(ca).isBlank() ? "" : c.resolve(String.valueOf(ca)).toString();
            if (!caPath.isEmpty() && !Files.isReadable(Path.of(caPath))) {
                throw c.error(entryKey + ".caCertsFile", "cannot read " + caPath);
            }
            cas.add(caPath);
        }
        p.put("deliveryclient.addressOverrides.from", from.toArray(String[]::new));
        p.put("deliveryclient.addressOverrides.to", to.toArray(String[]::new));
        p.put("deliveryclient.addressOverrides.caCertsFile", cas.toArray(String[]::new));
    }

    /** {@code [{name: X}, …]} → names, refusing Go plugin libraries. */
    private static String[] namedList(CoreConfig c, String key) throws ConfigException {
        List<String> names = new ArrayList<>();
        List<Map<String, Object>> entries = c.mappings(key);
        for (int i = 0; i < entries.size(); i++) {
            names.add(handlerName(c, key + "[" + i + "]", entries.get(i)));
        }
        return names.toArray(String[]::new);
    }

    /** {@code {alias: {name: X}}} → {@code alias=X}, refusing Go plugin libraries. */
    private static String[] namedMap(CoreConfig c, String key) throws ConfigException {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : c.mapping(key).entrySet()) {
            String alias = String.valueOf(e.getKey());
            String entryKey = key + "." + alias;
            if (!(e.getValue() instanceof Map)) {
                throw c.error(entryKey, "expected a mapping with a name");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) e.getValue();
            // as Fabric, leaves of existing map entries can be overridden from the environment
            Map<String, Object> merged = new LinkedHashMap<>(entry);
            c.value(entryKey + ".name").ifPresent(v -> merged.put("name", v));
            c.value(entryKey + ".library").ifPresent(v -> merged.put("library", v));
            entries.add(alias.toLowerCase(Locale.ROOT) + "=" + handlerName(c, entryKey, merged));
        }
        return entries.toArray(String[]::new);
    }

    private static String handlerName(CoreConfig c, String key, Map<String, Object> entry) throws ConfigException {
        Object library = entry.get("library");
        if (library != null && !String.valueOf(library).isBlank()) {
            throw c.error(key + ".library", "Weft loads handlers as OSGi bundles, not as Go plugin libraries: remove"
                    + " 'library' and install a bundle that provides weft.handler.name=" + entry.get("name"));
        }
        Object name = entry.get("name");
        if (name == null || String.valueOf(name).isBlank()) {
            throw c.error(key + ".name", "a handler needs a name");
        }
        return String.valueOf(name);
    }
}
