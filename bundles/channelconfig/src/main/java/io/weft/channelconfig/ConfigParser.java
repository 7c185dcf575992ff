package io.weft.channelconfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ChannelRestrictions;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.KafkaBrokers;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.APIResource;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.bccsp.Bccsp;
import io.weft.msp.Msp;
import io.weft.msp.MspException;
import io.weft.msp.MspVersion;
import io.weft.msp.Msps;

/**
 * Reads the groups below {@code Channel} as Fabric's {@code NewApplicationConfig}, {@code NewOrdererConfig}
 * and {@code NewConsortiumsConfig} do, setting up each organisation's MSP along the way.
 */
final class ConfigParser {

    static final String APPLICATION = "Application";
    static final String ORDERER = "Orderer";
    static final String CONSORTIUMS = "Consortiums";
    static final String MSP = "MSP";
    static final String CAPABILITIES = "Capabilities";
    static final String ACLS = "ACLs";

    private final MspVersion mspVersion;
    private final Bccsp bccsp;
    private final Capabilities channelCapabilities;
    private final List<Msp> msps = new ArrayList<>();

    ConfigParser(Capabilities channelCapabilities, Bccsp bccsp) {
        this.channelCapabilities = channelCapabilities;
        this.mspVersion = channelCapabilities.mspVersion();
        this.bccsp = bccsp;
    }

    /** Every MSP set up so far, for the channel's MSP manager. */
    List<Msp> msps() {
        return msps;
    }

    static Capabilities capabilities(GroupValues values, Capabilities.Level level) throws ChannelConfigException {
        var caps = values.get(CAPABILITIES, org.hyperledger.fabric.protos.common.Capabilities.getDefaultInstance());
        return new Capabilities(level, caps.getCapabilitiesMap().keySet());
    }

    ApplicationConfig application(ConfigGroup group) throws ChannelConfigException {
        GroupValues values = GroupValues.of(group, Set.of(ACLS, CAPABILITIES));
        Capabilities caps = capabilities(values, Capabilities.Level.APPLICATION);
        if (!caps.acls() && values.has(ACLS)) {
            throw new ChannelConfigException("ACLs may not be specified without the required capability");
        }
        Map<String, String> refs = new TreeMap<>();
        for (Map.Entry<String, APIResource> e : values.get(ACLS, ACLs.getDefaultInstance()).getAclsMap().entrySet()) {
            String ref = e.getValue().getPolicyRef();
            if (ref.isEmpty()) {
                continue; // Fabric warns and falls back to the default policy
            }
            refs.put(e.getKey(), ref.charAt(0) == '/' ? ref : "/Channel/Application/" + ref);
        }
        Map<String, ApplicationOrg> orgs = new TreeMap<>();
        for (Map.Entry<String, ConfigGroup> e : group.getGroupsMap().entrySet()) {
            ConfigGroup orgGroup = e.getValue();
            if (orgGroup.getGroupsCount() > 0) {
                throw new ChannelConfigException("ApplicationOrg config does not allow sub-groups");
            }
            GroupValues orgValues = GroupValues.of(orgGroup, Set.of("AnchorPeers", MSP));
            Organization org = organization(e.getKey(), orgValues);
            orgs.put(e.getKey(), new ApplicationOrg(org,
                    orgValues.get("AnchorPeers", AnchorPeers.getDefaultInstance()).getAnchorPeersList()));
        }
        return new ApplicationConfig(orgs, caps, refs);
    }

    OrdererConfig orderer(ConfigGroup group) throws ChannelConfigException {
        GroupValues values = GroupValues.of(group, Set.of("ConsensusType", "BatchSize", "BatchTimeout", "KafkaBrokers",
                "ChannelRestrictions", CAPABILITIES));
        ConsensusType consensus = values.get("ConsensusType", ConsensusType.getDefaultInstance());
        BatchSize batchSize = values.get("BatchSize", BatchSize.getDefaultInstance());
        validateBatchSize(batchSize);
        Duration timeout = batchTimeout(values.get("BatchTimeout", BatchTimeout.getDefaultInstance()).getTimeout());
        ConfigMetadata raft = null;
        if ("etcdraft".equals(consensus.getType())) {
            try {
                raft = ConfigMetadata.parseFrom(consensus.getMetadata());
            } catch (InvalidProtocolBufferException e) {
                throw new ChannelConfigException("failed to unmarshal etcdraft metadata: " + e.getMessage(), e);
            }
        }
        Map<String, OrdererOrg> orgs = new TreeMap<>();
        for (Map.Entry<String, ConfigGroup> e : group.getGroupsMap().entrySet()) {
            orgs.put(e.getKey(), ordererOrg(e.getKey(), e.getValue()));
        }
        return new OrdererConfig(consensus.getType(), consensus.getMetadata(), consensus.getState(),
                java.util.Optional.ofNullable(raft), batchSize, timeout,
                values.get("ChannelRestrictions", ChannelRestrictions.getDefaultInstance()).getMaxCount(),
                values.get("KafkaBrokers", KafkaBrokers.getDefaultInstance()).getBrokersList(),
                capabilities(values, Capabilities.Level.ORDERER), orgs);
    }

    private OrdererOrg ordererOrg(String name, ConfigGroup orgGroup) throws ChannelConfigException {
        if (orgGroup.getGroupsCount() > 0) {
            throw new ChannelConfigException("OrdererOrg config does not allow sub-groups");
        }
        if (!channelCapabilities.orgSpecificOrdererEndpoints() && orgGroup.getValuesMap().containsKey("Endpoints")) {
            throw new ChannelConfigException("Orderer Org " + name
                    + " cannot contain endpoints value until V1_4_2+ capabilities have been enabled");
        }
        GroupValues values = GroupValues.of(orgGroup, Set.of("Endpoints", MSP));
        Organization org = organization(name, values);
        return new OrdererOrg(org, values.get("Endpoints", OrdererAddresses.getDefaultInstance()).getAddressesList());
    }

    Map<String, Consortium> consortiums(ConfigGroup group) throws ChannelConfigException {
        Map<String, Consortium> out = new TreeMap<>();
        for (Map.Entry<String, ConfigGroup> e : group.getGroupsMap().entrySet()) {
            GroupValues values = GroupValues.of(e.getValue(), Set.of("ChannelCreationPolicy"));
            Map<String, Organization> orgs = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigGroup> o : e.getValue().getGroupsMap().entrySet()) {
                if (o.getValue().getGroupsCount() > 0) {
                    throw new ChannelConfigException("organizations do not support sub-groups");
                }
                orgs.put(o.getKey(), organization(o.getKey(), GroupValues.of(o.getValue(), Set.of(MSP))));
            }
            out.put(e.getKey(), new Consortium(e.getKey(),
                    values.get("ChannelCreationPolicy", Policy.getDefaultInstance()), orgs));
        }
        return out;
    }

    private Organization organization(String name, GroupValues values) throws ChannelConfigException {
        MSPConfig config = values.get(MSP, MSPConfig.getDefaultInstance());
        Msp msp;
        try {
            msp = Msps.fromConfig(config, mspVersion, bccsp);
        } catch (MspException e) {
            throw new ChannelConfigException(e.getMessage(), e);
        }
        if (msp.id().isEmpty()) {
            throw new ChannelConfigException("MSP for org " + name + " has empty MSP ID");
        }
        msps.add(msp);
        return new Organization(name, msp.id(), msp);
    }

    private static void validateBatchSize(BatchSize b) throws ChannelConfigException {
        if (b.getMaxMessageCount() == 0) {
            throw new ChannelConfigException("Attempted to set the batch size max message count to an invalid value: 0");
        }
        if (b.getAbsoluteMaxBytes() == 0) {
            throw new ChannelConfigException("Attempted to set the batch size absolute max bytes to an invalid value: 0");
        }
        if (b.getPreferredMaxBytes() == 0) {
            throw new ChannelConfigException("Attempted to set the batch size preferred max bytes to an invalid value: 0");
        }
        if (Integer.compareUnsigned(b.getPreferredMaxBytes(), b.getAbsoluteMaxBytes()) > 0) {
            throw new ChannelConfigException("Attempted to set the batch size preferred max bytes ("
                    + Integer.toUnsignedString(b.getPreferredMaxBytes()) + ") greater than the absolute max bytes ("
                    + Integer.toUnsignedString(b.getAbsoluteMaxBytes()) + ").");
        }
    }

    private static Duration batchTimeout(String text) throws ChannelConfigException {
        Duration d;
        try {
            d = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ChannelConfigException("Attempted to set the batch timeout to a invalid value: " + e.getMessage());
        }
        if (d.isNegative() || d.isZero()) {
            throw new ChannelConfigException("Attempted to set the batch timeout to a non-positive value: "
                    + GoDuration.format(d));
        }
        return d;
    }
}
