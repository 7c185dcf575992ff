package io.weft.channelconfig;

import java.util.Map;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.bccsp.Bccsp;

/**
 * The config a legacy channel-creation transaction applies to (the orderer's {@code DefaultTemplator}): the
 * system channel's values, policies and orderer group, an Application group holding the consortium's
 * member organisations named in the write set and governed by the consortium's channel creation policy.
 * The creation transaction is then authorised against this template with
 * {@code template.configtxValidator().proposeConfigUpdate(tx)}.
 */
public final class NewChannelTemplate {

    private static final String CHANNEL_CREATION_POLICY = "ChannelCreationPolicy";
    private static final String ADMINS = "Admins";

    private NewChannelTemplate() {
    }

    /**
     * @param systemChannel the current system channel config
     * @param configUpdateTx the {@code CONFIG_UPDATE} envelope creating the channel
     * @throws ChannelConfigException with the orderer's reason, e.g. {@code Unknown consortium name: X}
     */
    public static ChannelConfig of(ChannelConfig systemChannel, Envelope configUpdateTx, Bccsp bccsp)
            throws ChannelConfigException {
        Payload payload;
        ConfigUpdateEnvelope updateEnvelope;
        ChannelHeader channelHeader;
        ConfigUpdate update;
        try {
            payload = Payload.parseFrom(configUpdateTx.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelConfigException("Failing initial channel config creation because of payload unmarshalling error: "
                    + e.getMessage(), e);
        }
        try {
            updateEnvelope = ConfigUpdateEnvelope.parseFrom(payload.getData());
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelConfigException("Failing initial channel config creation because of config update envelope "
                    + "unmarshalling error: " + e.getMessage(), e);
        }
        if (!payload.hasHeader()) {
            throw new ChannelConfigException("Failed initial channel config creation because config update header was missing");
        }
        try {
            channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelConfigException("Failed initial channel config creation because channel header was malformed: "
                    + e.getMessage(), e);
        }
        try {
            update = ConfigUpdate.parseFrom(updateEnvelope.getConfigUpdate());
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelConfigException("Failing initial channel config creation because of config update unmarshalling "
                    + "error: " + e.getMessage(), e);
        }
        if (!update.getChannelId().equals(channelHeader.getChannelId())) {
            throw new ChannelConfigException("Failing initial channel config creation: mismatched channel IDs: '"
                    + update.getChannelId() + "' != '" + channelHeader.getChannelId() + "'");
        }
        if (!update.hasWriteSet()) {
            throw new ChannelConfigException("Config update has an empty writeset");
        }
        ConfigGroup writeApp = update.getWriteSet().getGroupsMap().get(ConfigParser.APPLICATION);
        if (writeApp == null) {
            throw new ChannelConfigException("Config update has missing application group");
        }
        if (writeApp.getVersion() != 1) {
            throw new ChannelConfigException("Config update for channel creation does not set application group version "
                    + "to 1, was " + writeApp.getVersion());
        }
        ConfigValue consortiumValue = update.getWriteSet().getValuesMap().get("Consortium");
        if (consortiumValue == null) {
            throw new ChannelConfigException("Consortium config value missing");
        }
        String consortiumName;
        try {
            consortiumName = org.hyperledger.fabric.protos.common.Consortium.parseFrom(consortiumValue.getValue()).getName();
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelConfigException("Error reading unmarshalling consortium name: " + e.getMessage(), e);
        }
        Map<String, Consortium> consortiums = systemChannel.consortiums().orElseThrow(() ->
                new ChannelConfigException("The ordering system channel does not appear to resources creating channels"));
        Consortium consortium = consortiums.get(consortiumName);
        if (consortium == null) {
            throw new ChannelConfigException("Unknown consortium name: " + consortiumName);
        }

        OrdererConfig orderer = systemChannel.orderer().orElse(null);
        String policyKey = CHANNEL_CREATION_POLICY;
        if (orderer != null && orderer.capabilities().useChannelCreationPolicyAsAdmins()
                && writeApp.getPoliciesCount() > 0) {
            ConfigPolicy admins = writeApp.getPoliciesMap().get(ADMINS);
            if (admins == null || admins.getVersion() != 0) {
                policyKey = ADMINS;
            }
        }
        ConfigGroup.Builder app = ConfigGroup.newBuilder().setModPolicy(policyKey).putPolicies(policyKey,
                ConfigPolicy.newBuilder().setPolicy(consortium.channelCreationPolicy()).setModPolicy(policyKey).build());

        ConfigGroup system = systemChannel.config().getChannelGroup();
        ConfigGroup consortiumGroup = system.getGroupsOrThrow("Consortiums").getGroupsOrThrow(consortiumName);
        if (consortiumGroup.getGroupsCount() > 0) {
            if (writeApp.getGroupsCount() == 0) {
                throw new ChannelConfigException("Proposed configuration has no application group members, but consortium "
                        + "contains members");
            }
            for (String orgName : writeApp.getGroupsMap().keySet()) {
                ConfigGroup member = consortiumGroup.getGroupsMap().get(orgName);
                if (member == null) {
                    throw new ChannelConfigException("Attempted to include member " + orgName
                            + " which is not in the consortium");
                }
                app.putGroups(orgName, member);
            }
        }

        ConfigGroup.Builder channel = ConfigGroup.newBuilder()
                .putAllValues(system.getValuesMap())
                .putAllPolicies(system.getPoliciesMap())
                .putGroups(ConfigParser.ORDERER, system.getGroupsOrThrow(ConfigParser.ORDERER))
                .putGroups(ConfigParser.APPLICATION, app.build())
                .putValues("Consortium", ConfigValue.newBuilder()
                        .setValue(org.hyperledger.fabric.protos.common.Consortium.newBuilder().setName(consortiumName)
                                .build().toByteString())
                        .setModPolicy(ADMINS).build());
        ConfigGroup channelGroup;
        if (orderer != null && orderer.capabilities().predictableChannelTemplate()) {
            channel.setModPolicy(system.getModPolicy());
            channelGroup = zeroVersions(channel.build());
        } else {
            channelGroup = channel.build();
        }
        return ChannelConfig.of(channelHeader.getChannelId(), Config.newBuilder().setChannelGroup(channelGroup).build(), bccsp);
    }

    private static ConfigGroup zeroVersions(ConfigGroup group) {
        ConfigGroup.Builder b = group.toBuilder().setVersion(0);
        group.getValuesMap().forEach((k, v) -> b.putValues(k, v.toBuilder().setVersion(0).build()));
        group.getPoliciesMap().forEach((k, p) -> b.putPolicies(k, p.toBuilder().setVersion(0).build()));
        group.getGroupsMap().forEach((k, g) -> b.putGroups(k, zeroVersions(g)));
        return b.build();
    }
}
