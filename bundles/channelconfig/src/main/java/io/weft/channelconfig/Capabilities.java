package io.weft.channelconfig;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.weft.msp.MspVersion;

/**
 * The capabilities one config level requires (Fabric's {@code common/capabilities} providers), with the
 * feature switches Fabric derives from them. Immutable.
 */
public final class Capabilities {

    /** The config level a capabilities value belongs to; its name is Fabric's provider type. */
    public enum Level {
        CHANNEL("Channel", Set.of("V1_1", "V1_3", "V1_4_2", "V1_4_3", "V2_0")),
        ORDERER("Orderer", Set.of("V1_1", "V1_4_2", "V2_0")),
        APPLICATION("Application", Set.of("V1_1", "V1_2", "V1_3", "V1_4_2", "V2_0", "V2_5",
                "V1_1_PVTDATA_EXPERIMENTAL", "V1_1_RESOURCETREE_EXPERIMENTAL"));

        private final String typeName;
        private final Set<String> supported;

        Level(String typeName, Set<String> supported) {
            this.typeName = typeName;
            this.supported = supported;
        }

        public String typeName() {
            return typeName;
        }

        /** The capabilities of this level Weft (like Fabric 2.5) understands. */
        public Set<String> supported() {
            return supported;
        }
    }

    private final Level level;
    private final Set<String> names;

    public Capabilities(Level level, Collection<String> names) {
        this.level = Objects.requireNonNull(level, "level");
        this.names = Collections.unmodifiableSet(new TreeSet<>(names));
    }

    public Level level() {
        return level;
    }

    /** The required capabilities, sorted. */
    public Set<String> names() {
        return names;
    }

    public boolean has(String name) {
        return names.contains(name);
    }

    /**
     * Fabric's {@code Supported()}.
     *
     * @throws ChannelConfigException {@code Channel capability V9_9 is required but not supported}
     */
    public void requireSupported() throws ChannelConfigException {
        for (String name : names) {
            if (!level.supported.contains(name)) {
                throw new ChannelConfigException(level.typeName + " capability " + name + " is required but not supported");
            }
        }
    }

    private boolean any(String... of) {
        for (String n : of) {
            if (names.contains(n)) {
                return true;
            }
        }
        return false;
    }

    // Channel level

    /** The MSP version the channel's MSPs are set up with. */
    public MspVersion mspVersion() {
        return MspVersion.forChannelCapabilities(names);
    }

    /** Orderer organisations may carry their own {@code Endpoints} (channel V1_4_2+). */
    public boolean orgSpecificOrdererEndpoints() {
        return level == Level.CHANNEL && any("V1_4_2", "V1_4_3", "V2_0");
    }

    /** The consensus type may change, through maintenance mode (channel V1_4_2+). */
    public boolean consensusTypeMigration() {
        return orgSpecificOrdererEndpoints();
    }

    // Orderer level

    /** The orderer zeroes versions of a new channel's template (orderer V1_1+). */
    public boolean predictableChannelTemplate() {
        return level == Level.ORDERER && any("V1_1", "V1_4_2", "V2_0");
    }

    /** New channels get the consortium's creation policy as Application {@code Admins} (orderer V2_0). */
    public boolean useChannelCreationPolicyAsAdmins() {
        return level == Level.ORDERER && has("V2_0");
    }

    /** The orderer rejects expired signers (orderer V1_1+). */
    public boolean expirationCheck() {
        return predictableChannelTemplate();
    }

    // Application level

    /** The Application {@code ACLs} value is allowed (application V1_2+). */
    public boolean acls() {
        return level == Level.APPLICATION && any("V1_2", "V1_3", "V1_4_2", "V2_0", "V2_5");
    }

    public boolean privateChannelData() {
        return level == Level.APPLICATION && any("V1_1_PVTDATA_EXPERIMENTAL", "V1_2", "V1_3", "V1_4_2", "V2_0", "V2_5");
    }

    /** Collections may be added or changed by a legacy chaincode upgrade (application V1_2+). */
    public boolean collectionUpgrade() {
        return level == Level.APPLICATION && any("V1_2", "V1_3", "V1_4_2", "V2_0", "V2_5");
    }

    /** Fabric's {@code V1_2Validation}: legacy upgrades are validated with their collections (application V1_2+). */
    public boolean v12Validation() {
        return collectionUpgrade();
    }

    /** Fabric's {@code V1_1Validation}: a legacy upgrade's new instantiation policy is checked too (application V1_1+). */
    public boolean v11Validation() {
        return level == Level.APPLICATION && any("V1_1", "V1_2", "V1_3", "V1_4_2", "V2_0", "V2_5");
    }

    public boolean keyLevelEndorsement() {
        return level == Level.APPLICATION && any("V1_3", "V1_4_2", "V2_0", "V2_5");
    }

    /** {@code _lifecycle} and v2.0 validation (application V2_0+). */
    public boolean lifecycleV20() {
        return level == Level.APPLICATION && any("V2_0", "V2_5");
    }

    public boolean purgePvtData() {
        return level == Level.APPLICATION && has("V2_5");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Capabilities c && c.level == level && c.names.equals(names);
    }

    @Override
    public int hashCode() {
        return level.hashCode() * 31 + names.hashCode();
    }

    @Override
    public String toString() {
        return level.typeName + names;
    }
}
