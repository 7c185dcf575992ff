package io.weft.tools.configtxgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import io.weft.tools.configtxgen.Configtx.AnchorPeer;
import io.weft.tools.configtxgen.Configtx.Application;
import io.weft.tools.configtxgen.Configtx.BatchSize;
import io.weft.tools.configtxgen.Configtx.Consenter;
import io.weft.tools.configtxgen.Configtx.Consortium;
import io.weft.tools.configtxgen.Configtx.EtcdRaft;
import io.weft.tools.configtxgen.Configtx.Orderer;
import io.weft.tools.configtxgen.Configtx.Organization;
import io.weft.tools.configtxgen.Configtx.Policy;
import io.weft.tools.configtxgen.Configtx.Profile;
import io.weft.tools.configtxgen.Configtx.RaftOptions;

/**
 * A loaded configtx.yaml (Fabric's genesisconfig): its profiles and top-level organizations, with YAML
 * anchors and merge keys resolved, relative paths taken from the file's folder and Fabric's orderer
 * defaults applied when a profile is completed.
 */
public final class ConfigtxgenProfiles {

    /** Fabric's genesis defaults for unset orderer settings. */
    static final String DEFAULT_ORDERER_TYPE = "solo";
    static final long DEFAULT_BATCH_TIMEOUT = 2_000_000_000L;
    static final BatchSize DEFAULT_BATCH_SIZE = new BatchSize(500, 10 * 1024 * 1024, 2 * 1024 * 1024);
    static final List<String> DEFAULT_KAFKA_BROKERS = List.of("127.0.0.1:9092");
    static final RaftOptions DEFAULT_RAFT_OPTIONS = new RaftOptions("500ms", 10, 1, 5, 16 * 1024 * 1024);

    private static final String[] TOP_KEYS = {"Profiles", "Organizations", "Channel", "Application", "Orderer",
        "Capabilities"};

    private final Path configDir;
    private final YamlMap root;

    private ConfigtxgenProfiles(Path configDir, YamlMap root) {
        this.configDir = configDir;
        this.root = root;
    }

    /** Reads {@code configtx.yaml}; relative paths in it are resolved against its folder. */
    public static ConfigtxgenProfiles load(Path configtxYaml) throws ConfigtxgenException {
        String text;
        try {
            text = Files.readString(configtxYaml);
        } catch (IOException e) {
            throw new ConfigtxgenException("Error reading configuration: " + e.getMessage(), e);
        }
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new ConfigtxgenException("Error reading configuration: " + e.getMessage(), e);
        }
        YamlMap root = YamlMap.of(doc == null ? Map.of() : doc, "", TOP_KEYS);
        Path dir = configtxYaml.toAbsolutePath().getParent();
        return new ConfigtxgenProfiles(dir, root);
    }

    /** The configtx.yaml in {@code configDir} (what {@code -configPath} and FABRIC_CFG_PATH name). */
    public static Path locate(Path configDir) throws ConfigtxgenException {
        for (String name : List.of("configtx.yaml", "configtx.yml")) {
            Path p = configDir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ConfigtxgenException("Error reading configuration: Unsupported Config Type \"\"");
    }

    public Set<String> profileNames() throws ConfigtxgenException {
        return Collections.unmodifiableSet(root.entries("Profiles").keySet());
    }

    /** The named profile, completed as Fabric completes it (defaults, checks of the etcdraft section). */
    public Profile profile(String name) throws ConfigtxgenException {
        Object raw = root.entries("Profiles").get(name);
        if (raw == null) {
            throw new ConfigtxgenException("Could not find profile: " + name);
        }
        YamlMap p = YamlMap.of(raw, "Profiles." + name, "Consortium", "Application", "Orderer", "Consortiums",
                "Capabilities", "Policies");
        Map<String, Consortium> consortiums = null;
        if (p.has("Consortiums")) {
            consortiums = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : p.entries("Consortiums").entrySet()) {
                YamlMap c = YamlMap.of(e.getValue(), p.where("Consortiums." + e.getKey()), "Organizations");
                consortiums.put(e.getKey(), new Consortium(c == null ? List.of() : organizations(c, "Organizations")));
            }
        }
        Orderer orderer = p.has("Orderer") ? complete(orderer(p.raw("Orderer"), p.where("Orderer"))) : null;
        return new Profile(p.string("Consortium"), application(p.raw("Application"), p.where("Application")),
                orderer, consortiums, capabilities(p, "Capabilities"), policies(p, "Policies"));
    }

    /** The top-level {@code Organizations} section (what {@code -printOrg} looks in). */
    public List<Organization> organizations() throws ConfigtxgenException {
        return organizations(root, "Organizations");
    }

    // ---- sections

    private List<Organization> organizations(YamlMap parent, String key) throws ConfigtxgenException {
        List<Organization> orgs = new ArrayList<>();
        int i = 0;
        for (Object o : parent.list(key)) {
            orgs.add(organization(o, parent.where(key) + "[" + i++ + "]"));
        }
        return orgs;
    }

    private Organization organization(Object raw, String where) throws ConfigtxgenException {
        YamlMap m = YamlMap.of(raw, where, "Name", "ID", "MSPDir", "MSPType", "Policies", "OrdererEndpoints",
                "AnchorPeers", "AdminPrincipal", "SkipAsForeign");
        if (m == null) {
            throw new ConfigtxgenException("'" + where + "' is empty");
        }
        List<AnchorPeer> anchors = new ArrayList<>();
        int i = 0;
        for (Object a : m.list("AnchorPeers")) {
            YamlMap ap = YamlMap.of(a, m.where("AnchorPeers[" + i++ + "]"), "Host", "Port");
            anchors.add(new AnchorPeer(ap.string("Host"), (int) ap.number("Port")));
        }
        String mspType = m.string("MSPType");
        return new Organization(m.string("Name"), m.string("ID"), path(m.string("MSPDir")),
                mspType.isEmpty() ? "bccsp" : mspType, policies(m, "Policies"), anchors,
                m.strings("OrdererEndpoints"), m.bool("SkipAsForeign"));
    }

    private Application application(Object raw, String where) throws ConfigtxgenException {
        YamlMap m = YamlMap.of(raw, where, "Organizations", "Capabilities", "Policies", "ACLs");
        if (m == null) {
            return null;
        }
        Map<String, String> acls = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entries("ACLs").entrySet()) {
            acls.put(e.getKey(), e.getValue() == null ? "" : String.valueOf(e.getValue()));
        }
        return new Application(organizations(m, "Organizations"), capabilities(m, "Capabilities"),
                policies(m, "Policies"), acls);
    }

    private Orderer orderer(Object raw, String where) throws ConfigtxgenException {
        YamlMap m = YamlMap.of(raw, where, "OrdererType", "Addresses", "BatchTimeout", "BatchSize", "Kafka",
                "EtcdRaft", "Organizations", "MaxChannels", "Capabilities", "Policies");
        if (m == null) {
            return null;
        }
        long timeout = 0;
        if (m.has("BatchTimeout")) {
            Object t = m.raw("BatchTimeout");
            timeout = t instanceof Number n ? n.longValue() : GoValues.parseDuration(m.string("BatchTimeout"));
        }
        BatchSize size = new BatchSize(0, 0, 0);
        YamlMap bs = YamlMap.of(m.raw("BatchSize"), m.where("BatchSize"), "MaxMessageCount", "AbsoluteMaxBytes",
                "PreferredMaxBytes");
        if (bs != null) {
            size = new BatchSize(bs.number("MaxMessageCount"), byteSize(bs, "AbsoluteMaxBytes"),
                    byteSize(bs, "PreferredMaxBytes"));
        }
        YamlMap kafka = YamlMap.of(m.raw("Kafka"), m.where("Kafka"), "Brokers");
        return new Orderer(m.string("OrdererType"), m.strings("Addresses"), timeout, size,
                kafka == null || !kafka.has("Brokers") ? null : kafka.strings("Brokers"),
                etcdRaft(m.raw("EtcdRaft"), m.where("EtcdRaft")), organizations(m, "Organizations"),
                m.number("MaxChannels"), capabilities(m, "Capabilities"), policies(m, "Policies"));
    }

    private EtcdRaft etcdRaft(Object raw, String where) throws ConfigtxgenException {
        YamlMap m = YamlMap.of(raw, where, "Consenters", "Options");
        if (m == null) {
            return null;
        }
        List<Consenter> consenters = new ArrayList<>();
        int i = 0;
        for (Object c : m.list("Consenters")) {
            YamlMap cm = YamlMap.of(c, m.where("Consenters[" + i++ + "]"), "Host", "Port", "ClientTLSCert",
                    "ServerTLSCert", "Identity");
            consenters.add(new Consenter(cm.string("Host"), (int) cm.number("Port"),
                    cm.has("ClientTLSCert") ? path(cm.string("ClientTLSCert")) : null,
                    cm.has("ServerTLSCert") ? path(cm.string("ServerTLSCert")) : null));
        }
        RaftOptions options = null;
        YamlMap o = YamlMap.of(m.raw("Options"), m.where("Options"), "TickInterval", "ElectionTick", "HeartbeatTick",
                "MaxInflightBlocks", "SnapshotIntervalSize");
        if (o != null) {
            options = new RaftOptions(o.string("TickInterval"), o.number("ElectionTick"), o.number("HeartbeatTick"),
                    o.number("MaxInflightBlocks"), byteSize(o, "SnapshotIntervalSize"));
        }
        return new EtcdRaft(consenters, options);
    }

    private static long byteSize(YamlMap m, String key) throws ConfigtxgenException {
        Object v = m.raw(key);
        if (v == null) {
            return 0;
        }
        return v instanceof Number n ? n.longValue() : GoValues.byteSize(m.string(key));
    }

    private static Map<String, Boolean> capabilities(YamlMap m, String key) throws ConfigtxgenException {
        Map<String, Boolean> caps = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entries(key).entrySet()) {
            Object v = e.getValue();
            caps.put(e.getKey(), v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v)));
        }
        return caps;
    }

    private static Map<String, Policy> policies(YamlMap m, String key) throws ConfigtxgenException {
        if (!m.has(key)) {
            return null;
        }
        Map<String, Policy> policies = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entries(key).entrySet()) {
            YamlMap p = YamlMap.of(e.getValue(), m.where(key + "." + e.getKey()), "Type", "Rule");
            policies.put(e.getKey(), p == null ? null : new Policy(p.string("Type"), p.string("Rule")));
        }
        return policies;
    }

    /** Fabric's TranslatePathInPlace: relative paths are relative to configtx.yaml's folder. */
    private Path path(String p) {
        Path path = Path.of(p);
        return path.isAbsolute() ? path : configDir.resolve(p).normalize();
    }

    // ---- completion (Fabric's completeInitialization for the orderer section)

    private static Orderer complete(Orderer o) throws ConfigtxgenException {
        if (o == null) {
            return null;
        }
        String type = o.ordererType().isEmpty() ? DEFAULT_ORDERER_TYPE : o.ordererType();
        long timeout = o.batchTimeoutNanos() == 0 ? DEFAULT_BATCH_TIMEOUT : o.batchTimeoutNanos();
        BatchSize b = o.batchSize();
        BatchSize size = new BatchSize(
                b.maxMessageCount() == 0 ? DEFAULT_BATCH_SIZE.maxMessageCount() : b.maxMessageCount(),
                b.absoluteMaxBytes() == 0 ? DEFAULT_BATCH_SIZE.absoluteMaxBytes() : b.absoluteMaxBytes(),
                b.preferredMaxBytes() == 0 ? DEFAULT_BATCH_SIZE.preferredMaxBytes() : b.preferredMaxBytes());
        List<String> brokers = o.kafkaBrokers();
        EtcdRaft raft = o.etcdRaft();
        switch (type) {
            case "solo" -> {
            }
            case "kafka" -> brokers = brokers == null ? DEFAULT_KAFKA_BROKERS : brokers;
            case "etcdraft" -> raft = completeRaft(raft);
            default -> throw new ConfigtxgenException("unknown orderer type: " + type);
        }
        return new Orderer(type, o.addresses(), timeout, size, brokers, raft, o.organizations(), o.maxChannels(),
                o.capabilities(), o.policies());
    }

    private static EtcdRaft completeRaft(EtcdRaft raft) throws ConfigtxgenException {
        if (raft == null) {
            throw new ConfigtxgenException("etcdraft configuration missing");
        }
        RaftOptions d = DEFAULT_RAFT_OPTIONS;
        RaftOptions o = raft.options() == null ? d : raft.options();
        o = new RaftOptions(o.tickInterval().isEmpty() ? d.tickInterval() : o.tickInterval(),
                o.electionTick() == 0 ? d.electionTick() : o.electionTick(),
                o.heartbeatTick() == 0 ? d.heartbeatTick() : o.heartbeatTick(),
                o.maxInflightBlocks() == 0 ? d.maxInflightBlocks() : o.maxInflightBlocks(),
                o.snapshotIntervalSize() == 0 ? d.snapshotIntervalSize() : o.snapshotIntervalSize());
        if (raft.consenters().isEmpty()) {
            throw new ConfigtxgenException("etcdraft configuration did not specify any consenter");
        }
        try {
            GoValues.parseDuration(o.tickInterval());
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("Etcdraft TickInterval (" + o.tickInterval()
                    + ") must be in time duration format");
        }
        if (o.electionTick() <= o.heartbeatTick()) {
            throw new ConfigtxgenException("election tick must be greater than heartbeat tick");
        }
        for (Consenter c : raft.consenters()) {
            if (c.host().isEmpty()) {
                throw new ConfigtxgenException("consenter info in etcdraft configuration did not specify host");
            }
            if (c.port() == 0) {
                throw new ConfigtxgenException("consenter info in etcdraft configuration did not specify port");
            }
            if (c.clientTlsCert() == null) {
                throw new ConfigtxgenException(
                        "consenter info in etcdraft configuration did not specify client TLS cert");
            }
            if (c.serverTlsCert() == null) {
                throw new ConfigtxgenException(
                        "consenter info in etcdraft configuration did not specify server TLS cert");
            }
        }
        return new EtcdRaft(raft.consenters(), o);
    }
}
