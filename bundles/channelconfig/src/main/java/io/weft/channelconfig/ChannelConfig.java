package io.weft.channelconfig;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.OrdererAddresses;

import io.weft.bccsp.Bccsp;
import io.weft.configtx.ConfigtxException;
import io.weft.configtx.ConfigtxValidator;
import io.weft.msp.IdentityDeserializer;
import io.weft.msp.MspException;
import io.weft.msp.MspManager;
import io.weft.msp.Msps;
import io.weft.policies.PolicyException;
import io.weft.policies.PolicyManager;

/**
 * The configuration bundle of a channel at one config sequence (Fabric's {@code channelconfig.Bundle}):
 * built once per config block, immutable and thread-safe. It holds the decoded values of every level, the
 * channel's MSP manager (and a caching identity deserializer over it), the compiled policies and the
 * validator for the next config update.
 */
public final class ChannelConfig {

    /** Identities remembered by the channel's caching deserializer. */
    public static final int IDENTITY_CACHE_SIZE = 1000;

    private static final String HASHING_ALGORITHM = "HashingAlgorithm";
    private static final String BLOCK_DATA_HASHING_STRUCTURE = "BlockDataHashingStructure";
    private static final String ORDERER_ADDRESSES = "OrdererAddresses";
    private static final String CONSORTIUM = "Consortium";

    private final String channelId;
    private final Config config;
    private final String hashingAlgorithm;
    private final long blockDataHashingWidth;
    private final List<String> ordererAddresses;
    private final String consortiumName;
    private final Capabilities capabilities;
    private final OrdererConfig orderer;
    private final ApplicationConfig application;
    private final Map<String, Consortium> consortiums;
    private final MspManager mspManager;
    private final IdentityDeserializer deserializer;
    private final PolicyManager policyManager;
    private final ConfigtxValidator configtxValidator;

    /** The channel-level values, read before the sub-groups. */
    private record ChannelValues(String hashingAlgorithm, long width, List<String> ordererAddresses, String consortium) {
    }

    /** The sub-groups below {@code Channel}; absent ones are null. */
    private record Sections(OrdererConfig orderer, ApplicationConfig application, Map<String, Consortium> consortiums) {
    }

    private ChannelConfig(String channelId, Config config, Bccsp bccsp) throws ChannelConfigException {
        this.channelId = channelId;
        this.config = config;
        ChannelValues values;
        Sections sections;
        try {
            GroupValues group = GroupValues.of(config.getChannelGroup(), Set.of(HASHING_ALGORITHM,
                    BLOCK_DATA_HASHING_STRUCTURE, ORDERER_ADDRESSES, CONSORTIUM, ConfigParser.CAPABILITIES));
            this.capabilities = ConfigParser.capabilities(group, Capabilities.Level.CHANNEL);
            values = channelValues(group, capabilities);
            ConfigParser parser = new ConfigParser(capabilities, bccsp);
            sections = sections(config.getChannelGroup(), parser);
            this.mspManager = Msps.manager(parser.msps());
        } catch (ChannelConfigException | MspException e) {
            throw new ChannelConfigException("initializing channelconfig failed: " + e.getMessage(), e);
        }
        this.hashingAlgorithm = values.hashingAlgorithm();
        this.blockDataHashingWidth = values.width();
        this.ordererAddresses = values.ordererAddresses();
        this.consortiumName = values.consortium();
        this.orderer = sections.orderer();
        this.application = sections.application();
        this.consortiums = sections.consortiums();
        this.deserializer = Msps.caching(mspManager, IDENTITY_CACHE_SIZE);
        try {
            this.policyManager = PolicyManager.build(ConfigtxValidator.ROOT, config.getChannelGroup(), deserializer);
        } catch (PolicyException e) {
            throw new ChannelConfigException("initializing policymanager failed: " + e.getMessage(), e);
        }
        try {
            this.configtxValidator = new ConfigtxValidator(channelId, config, policyManager);
        } catch (ConfigtxException e) {
            throw new ChannelConfigException("initializing configtx manager failed: " + e.getMessage(), e);
        }
    }

    private static ChannelValues channelValues(GroupValues values, Capabilities capabilities)
            throws ChannelConfigException {
        String hashing = values.get(HASHING_ALGORITHM, HashingAlgorithm.getDefaultInstance()).getName();
        if (!hashing.equals("SHA256") && !hashing.equals("SHA3_256")) {
            throw new ChannelConfigException("Unknown hashing algorithm type: " + hashing);
        }
        long width = Integer.toUnsignedLong(values.get(BLOCK_DATA_HASHING_STRUCTURE,
                BlockDataHashingStructure.getDefaultInstance()).getWidth());
        if (width != 0xFFFF_FFFFL) {
            throw new ChannelConfigException("BlockDataHashStructure width only supported at MaxUint32 in this version");
        }
        List<String> addresses = List.copyOf(
                values.get(ORDERER_ADDRESSES, OrdererAddresses.getDefaultInstance()).getAddressesList());
        if (!capabilities.orgSpecificOrdererEndpoints() && addresses.isEmpty()) {
            throw new ChannelConfigException("Must set some OrdererAddresses");
        }
        String consortium = values.get(CONSORTIUM,
                org.hyperledger.fabric.protos.common.Consortium.getDefaultInstance()).getName();
        return new ChannelValues(hashing, width, addresses, consortium);
    }

    private static Sections sections(ConfigGroup root, ConfigParser parser) throws ChannelConfigException {
        OrdererConfig o = null;
        ApplicationConfig a = null;
        Map<String, Consortium> c = null;
        for (Map.Entry<String, ConfigGroup> e : new TreeMap<>(root.getGroupsMap()).entrySet()) {
            try {
                switch (e.getKey()) {
                    case ConfigParser.APPLICATION -> a = parser.application(e.getValue());
                    case ConfigParser.ORDERER -> o = parser.orderer(e.getValue());
                    case ConfigParser.CONSORTIUMS -> c = Map.copyOf(parser.consortiums(e.getValue()));
                    default -> throw new ChannelConfigException("Disallowed channel group: " + e.getKey());
                }
            } catch (ChannelConfigException ex) {
                throw new ChannelConfigException("could not create channel " + e.getKey() + " sub-group config: "
                        + ex.getMessage(), ex);
            }
        }
        return new Sections(o, a, c);
    }

    /** The bundle of a config (or genesis) block. */
    public static ChannelConfig fromBlock(Block block, Bccsp bccsp) throws ChannelConfigException {
        ConfigBlocks.ConfigTx tx = ConfigBlocks.fromBlock(block);
        return of(tx.channelId(), tx.envelope().getConfig(), bccsp);
    }

    /** The bundle of a {@code CONFIG} envelope (Fabric's {@code NewBundleFromEnvelope}). */
    public static ChannelConfig fromEnvelope(Envelope envelope, Bccsp bccsp) throws ChannelConfigException {
        ConfigBlocks.ConfigTx tx = ConfigBlocks.fromEnvelope(envelope);
        return of(tx.channelId(), tx.envelope().getConfig(), bccsp);
    }

    /**
     * Fabric's {@code NewBundle}. Unsupported capabilities do not fail here (tools must be able to read any
     * config); a peer or orderer calls {@link #requirePeerSupport()} or {@link #requireOrdererSupport()}.
     */
    public static ChannelConfig of(String channelId, Config config, Bccsp bccsp) throws ChannelConfigException {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(bccsp, "bccsp");
        if (!config.hasChannelGroup()) {
            throw new ChannelConfigException("config must contain a channel group");
        }
        preValidate(config.getChannelGroup());
        return new ChannelConfig(channelId, config, bccsp);
    }

    private static void preValidate(ConfigGroup root) throws ChannelConfigException {
        ConfigGroup orderer = root.getGroupsMap().get(ConfigParser.ORDERER);
        if (orderer != null && !orderer.getValuesMap().containsKey(ConfigParser.CAPABILITIES)) {
            if (root.getValuesMap().containsKey(ConfigParser.CAPABILITIES)) {
                throw new ChannelConfigException("cannot enable channel capabilities without orderer support first");
            }
            ConfigGroup app = root.getGroupsMap().get(ConfigParser.APPLICATION);
            if (app != null && app.getValuesMap().containsKey(ConfigParser.CAPABILITIES)) {
                throw new ChannelConfigException("cannot enable application capabilities without orderer support first");
            }
        }
    }

    /**
     * What a peer checks before using a channel (Fabric's {@code capabilitiesSupportedOrPanic}).
     *
     * @throws ChannelConfigException {@code [channel X] incompatible: Channel capability V9_9 is required but not
     *     supported}, or {@code [channel X] does not have application config so is incompatible}
     */
    public void requirePeerSupport() throws ChannelConfigException {
        if (application == null) {
            throw new ChannelConfigException("[channel " + channelId + "] does not have application config so is incompatible");
        }
        try {
            application.capabilities().requireSupported();
            capabilities.requireSupported();
        } catch (ChannelConfigException e) {
            throw new ChannelConfigException("[channel " + channelId + "] incompatible: " + e.getMessage(), e);
        }
    }

    /** What an orderer checks before serving a channel (Fabric's {@code checkResources}). */
    public void requireOrdererSupport() throws ChannelConfigException {
        if (orderer == null) {
            throw new ChannelConfigException("[channel " + channelId + "] config does not contain orderer config");
        }
        try {
            orderer.capabilities().requireSupported();
        } catch (ChannelConfigException e) {
            throw new ChannelConfigException("[channel " + channelId + "] config requires unsupported orderer capabilities: "
                    + e.getMessage(), e);
        }
        try {
            capabilities.requireSupported();
        } catch (ChannelConfigException e) {
            throw new ChannelConfigException("[channel " + channelId + "] config requires unsupported channel capabilities: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Fabric's {@code ValidateNew}: whether {@code next} may replace this config (sections are not dropped,
     * organisations keep their MSP IDs, the consensus type changes only with migration support).
     */
    public void validateNew(ChannelConfig next) throws ChannelConfigException {
        Transitions.check(this, next);
    }

    public String channelId() {
        return channelId;
    }

    /** The config this bundle was built from. */
    public Config config() {
        return config;
    }

    public long sequence() {
        return config.getSequence();
    }

    /** {@code SHA256} or {@code SHA3_256}. */
    public String hashingAlgorithm() {
        return hashingAlgorithm;
    }

    /** Always 4294967295 (MaxUint32), the only width Fabric supports. */
    public long blockDataHashingWidth() {
        return blockDataHashingWidth;
    }

    /** The legacy channel-level {@code OrdererAddresses}. */
    public List<String> ordererAddresses() {
        return ordererAddresses;
    }

    /** The {@code Consortium} value (the consortium that created the channel), empty when unset. */
    public String consortiumName() {
        return consortiumName;
    }

    /** The channel-level capabilities. */
    public Capabilities capabilities() {
        return capabilities;
    }

    public Optional<OrdererConfig> orderer() {
        return Optional.ofNullable(orderer);
    }

    public Optional<ApplicationConfig> application() {
        return Optional.ofNullable(application);
    }

    /** The consortiums of a system channel. */
    public Optional<Map<String, Consortium>> consortiums() {
        return Optional.ofNullable(consortiums);
    }

    /** The MSPs of every organisation of the channel. */
    public MspManager mspManager() {
        return mspManager;
    }

    /** The channel's identity deserializer, caching deserialization and validation outcomes. */
    public IdentityDeserializer deserializer() {
        return deserializer;
    }

    public PolicyManager policyManager() {
        return policyManager;
    }

    /** The validator of the next config update. */
    public ConfigtxValidator configtxValidator() {
        return configtxValidator;
    }

    /**
     * Every orderer endpoint of the channel: the organisations' own endpoints when any organisation has
     * some (V1_4_2+), else the legacy global addresses — as the peer's deliver client chooses.
     */
    public List<String> ordererEndpoints() {
        if (orderer != null) {
            List<String> perOrg = orderer.orgs().values().stream().flatMap(org -> org.endpoints().stream()).toList();
            if (!perOrg.isEmpty()) {
                return perOrg;
            }
        }
        return ordererAddresses;
    }
}
