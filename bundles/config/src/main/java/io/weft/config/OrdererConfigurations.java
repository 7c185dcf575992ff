package io.weft.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.weft.api.storage.StorageProvider;

/**
 * Maps the embedded orderer's {@code orderer.yaml} to the configurations (ConfigAdmin PIDs) of its components, with
 * Fabric's keys and defaults (the {@code Defaults} of its local configuration, applied where Fabric applies them):
 * found on {@code FABRIC_CFG_PATH} as Fabric's orderer finds it, {@code ORDERER_} environment overrides, paths relative
 * to the file's folder. Value types and naming as {@link PeerConfigurations}: durations in {@code …Millis}, paths
 * absolute, TLS under {@code tls.*}, the local MSP under the property names the peer's MSP configuration uses.
 *
 * <p>Only what a solo orderer needs is read: the bootstrap of a system channel ({@code BootstrapMethod},
 * {@code BootstrapFile}) and the channel participation API, no cluster, Kafka or Raft settings. {@code FileLedger.Storage} is Weft's: the storage
 * backend of the block index ({@code leveldb}, Fabric's, by default; {@code memory}).
 */
public final class OrdererConfigurations {

    /** The file name Fabric's orderer looks for. */
    public static final String FILE_NAME = "orderer.yaml";
    /** Prefix of environment overrides. */
    public static final String ENV_PREFIX = "ORDERER_";

    /** The orderer node: listener, TLS, keepalive, sizes, local MSP, time window, file ledger and its backend. */
    public static final String GENERAL_PID = "io.weft.orderer.general";
    /** The admin endpoint and the channel participation API on it. */
    public static final String ADMIN_PID = "io.weft.orderer.admin";

    /** Every PID this mapping owns. */
    public static final List<String> PIDS = List.of(GENERAL_PID, ADMIN_PID);

    static final long DEFAULT_MAX_MSG_SIZE = 100L * 1024 * 1024;

    private OrdererConfigurations() {
    }

    /** Finds {@code orderer.yaml} as Fabric does ({@link ConfigLocator}) and reads it with {@code ORDERER_} overrides. */
    public static CoreConfig load(Map<String, String> env, Path workingDirectory) throws ConfigException {
        return read(ConfigLocator.locate(env, workingDirectory, FILE_NAME), env);
    }

    /** Reads {@code file} with {@code ORDERER_} overrides from {@code env}. */
    public static CoreConfig read(Path file, Map<String, String> env) throws ConfigException {
        return CoreConfig.read(file, ENV_PREFIX, env, Map.of());
    }

    /**
     * The configuration of every owned PID, validated.
     *
     * @throws ConfigException naming the file and key of the first problem
     */
    public static Map<String, Map<String, Object>> build(CoreConfig c) throws ConfigException {
        Map<String, Map<String, Object>> pids = new LinkedHashMap<>();
        pids.put(GENERAL_PID, general(c));
        pids.put(ADMIN_PID, admin(c));
        return pids;
    }

    static Map<String, Object> general(CoreConfig c) throws ConfigException {
        Map<String, Object> p = new LinkedHashMap<>();
        // as Fabric, an empty address or a zero port means the default
        String host = c.string("General.ListenAddress", "127.0.0.1").trim();
        long port = c.integer("General.ListenPort", 7050);
        if (port < 0 || port > 65535) {
            throw c.error("General.ListenPort", "port out of range: " + port);
        }
        p.put("listenAddress", (host.isEmpty() ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host) + ":"
                + (port == 0 ? 7050 : port));
        tls(c, "General.TLS", p);
        p.put("tls.rootCAs.files", files(c, "General.TLS.RootCAs", false));
        p.put("keepalive.minIntervalMillis", PeerConfigurations.millis(c, "General.Keepalive.ServerMinInterval",
                Duration.ofMinutes(1)));
        p.put("keepalive.intervalMillis", PeerConfigurations.millis(c, "General.Keepalive.ServerInterval",
                Duration.ofHours(2)));
        p.put("keepalive.timeoutMillis", PeerConfigurations.millis(c, "General.Keepalive.ServerTimeout",
                Duration.ofSeconds(20)));
        p.put("maxRecvMsgSize", messageSize(c, "General.MaxRecvMsgSize"));
        p.put("maxSendMsgSize", messageSize(c, "General.MaxSendMsgSize"));
        String mspDir = c.string("General.LocalMSPDir", "msp");
        Path dir = c.resolve(mspDir.isBlank() ? "msp" : mspDir);
        p.put("mspConfigPath", dir.toString());
        String mspId = c.string("General.LocalMSPID", "SampleOrg");
        p.put("localMspId", mspId.isBlank() ? "SampleOrg" : mspId);
        p.put("localMspType", PeerConfigurations.MSP_TYPE_BCCSP);
        PeerConfigurations.bccsp(c, "General.BCCSP", dir, p);
        String timeWindowKey = "General.Authentication.TimeWindow";
        Duration window = c.duration(timeWindowKey, Duration.ZERO);
        if (window.isNegative()) {
            throw c.error(timeWindowKey, "must not be negative");
        }
        p.put("timewindowMillis", window.isZero() ? Duration.ofMinutes(15).toMillis() : Math.max(1L, window.toMillis()));
        bootstrap(c, p);
        String location = c.string("FileLedger.Location", "");
        p.put("fileLedger.location", c.resolve(location.isBlank() ? "/var/hyperledger/production/orderer" : location)
                .toString());
        String backend = backend(c);
        p.put("backend", backend);
        p.put("storage.target", "(" + StorageProvider.NAME_PROPERTY + "=" + backend + ")");
        return p;
    }

    /**
     * {@code General.BootstrapMethod} ({@code file}: a system channel genesis block in {@code BootstrapFile};
     * {@code none}), with Fabric's defaults for an empty key: {@code file} and {@code genesisblock}.
     */
    private static void bootstrap(CoreConfig c, Map<String, Object> p) throws ConfigException {
        String method = c.string("General.BootstrapMethod", "").trim();
        method = method.isEmpty() ? "file" : method;
        if (!method.equals("file") && !method.equals("none")) {
            throw c.error("General.BootstrapMethod", "Unknown bootstrap method: " + method);
        }
        p.put("bootstrapMethod", method);
        String file = c.string("General.BootstrapFile", "").trim();
        p.put("bootstrapFile", c.resolve(file.isEmpty() ? "genesisblock" : file).toString());
    }

    static Map<String, Object> admin(CoreConfig c) throws ConfigException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("listenAddress", PeerConfigurations.address(c, "Admin.ListenAddress", "127.0.0.1:0"));
        boolean tlsEnabled = c.bool("Admin.TLS.Enabled", false);
        if (tlsEnabled && !c.bool("Admin.TLS.ClientAuthRequired", false)) {
            throw c.error("Admin.TLS.ClientAuthRequired", "must be set to true if Admin.TLS.Enabled is set to true");
        }
        tls(c, "Admin.TLS", p);
        p.put("channelParticipation.enabled", c.bool("ChannelParticipation.Enabled", false));
        String sizeKey = "ChannelParticipation.MaxRequestBodySize";
        long maxBody = c.byteSize(sizeKey, 1024 * 1024);
        if (maxBody <= 0) {
            maxBody = 1024 * 1024;
        }
        if (maxBody > Integer.MAX_VALUE) {
            throw c.error(sizeKey, "must be at most " + Integer.MAX_VALUE + " bytes, got " + maxBody);
        }
        p.put("channelParticipation.maxRequestBodySize", maxBody);
        return p;
    }

    /**
     * An orderer TLS section ({@code Enabled, Certificate, PrivateKey, ClientAuthRequired, ClientRootCAs}) under the
     * property names of the peer's TLS configurations; with TLS on the pair must be readable, with client
     * authentication at least one client root CA.
     */
    private static void tls(CoreConfig c, String prefix, Map<String, Object> p) throws ConfigException {
        boolean enabled = c.bool(prefix + ".Enabled", false);
        boolean clientAuth = c.bool(prefix + ".ClientAuthRequired", false);
        p.put("tls.enabled", enabled);
        p.put("tls.clientAuthRequired", clientAuth);
        p.put("tls.cert.file", PeerConfigurations.file(c, prefix + ".Certificate", enabled));
        p.put("tls.key.file", PeerConfigurations.file(c, prefix + ".PrivateKey", enabled));
        String[] clientRoots = files(c, prefix + ".ClientRootCAs", enabled && clientAuth);
        if (enabled && clientAuth && clientRoots.length == 0) {
            throw c.error(prefix + ".ClientRootCAs", "client authentication needs at least one root CA file");
        }
        p.put("tls.clientRootCAs.files", clientRoots);
    }

    /** A list of files, resolved against the config folder; each must be readable when {@code required}. */
    private static String[] files(CoreConfig c, String key, boolean required) throws ConfigException {
        List<String> out = new ArrayList<>();
        for (String f : c.strings(key)) {
            Path path = c.resolve(f);
            if (required && !Files.isReadable(path)) {
                throw c.error(key, "cannot read " + path);
            }
            out.add(path.toString());
        }
        return out.toArray(String[]::new);
    }

    /** As Fabric, zero means the default of 100 MB. */
    private static long messageSize(CoreConfig c, String key) throws ConfigException {
        long v = c.integer(key, DEFAULT_MAX_MSG_SIZE);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw c.error(key, "must be between 0 and " + Integer.MAX_VALUE + ", got " + v);
        }
        return v == 0 ? DEFAULT_MAX_MSG_SIZE : v;
    }

    private static String backend(CoreConfig c) throws ConfigException {
        String key = "FileLedger.Storage";
        String name = c.string(key, StorageProvider.LEVELDB).trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "leveldb", "goleveldb" -> StorageProvider.LEVELDB;
            case "memory" -> StorageProvider.MEMORY;
            default -> throw c.error(key, "expected leveldb or memory, got \"" + name + "\"");
        };
    }
}
