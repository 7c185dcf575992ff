package io.weft.tools.configtxgen;

import java.util.Map;
import java.util.TreeMap;

import io.weft.tools.configtxgen.Configtx.Organization;
import io.weft.tools.configtxgen.Configtx.Profile;
import io.weft.tools.configtxlator.ConfigUpdates;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Consortium;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * The config-update transactions configtxgen writes, unsigned as Fabric writes them: the legacy
 * channel-creation transaction ({@code -outputCreateChannelTx}) and the anchor-peer update
 * ({@code -outputAnchorPeersUpdate}).
 */
public final class ChannelTxs {

    private static final String APPLICATION = "Application";

    private ChannelTxs() {
    }

    /** Fabric's {@code MakeChannelCreationTransaction}: the update from the default template. */
    public static Envelope channelCreation(String channelId, Profile conf) throws ConfigtxgenException {
        ConfigGroup template;
        try {
            template = defaultTemplate(conf);
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("could not generate default config template: " + e.getMessage(), e);
        }
        return channelCreation(channelId, conf, template);
    }

    /**
     * Fabric's {@code MakeChannelCreationTransactionWithSystemChannelContext}: the template is the system
     * channel of {@code systemProfile} (its consortium's orgs become the application orgs).
     */
    public static Envelope channelCreation(String channelId, Profile conf, Profile systemProfile)
            throws ConfigtxgenException {
        ConfigGroup system;
        try {
            system = ChannelGroups.channel(systemProfile);
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("could not parse system channel config: " + e.getMessage(), e);
        }
        ConfigGroup template;
        try {
            template = templateFromSystemChannel(conf, system);
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("could not create config template: " + e.getMessage(), e);
        }
        return channelCreation(channelId, conf, template);
    }

    private static Envelope channelCreation(String channelId, Profile conf, ConfigGroup template)
            throws ConfigtxgenException {
        ConfigUpdate update;
        try {
            update = channelCreateUpdate(channelId, conf, template);
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("config update generation failure: " + e.getMessage(), e);
        }
        return unsignedUpdate(channelId, update);
    }

    /** Fabric's {@code NewChannelCreateConfigUpdate}. */
    static ConfigUpdate channelCreateUpdate(String channelId, Profile conf, ConfigGroup template)
            throws ConfigtxgenException {
        if (conf.application() == null) {
            throw new ConfigtxgenException("cannot define a new channel with no Application section");
        }
        if (conf.consortium().isEmpty()) {
            throw new ConfigtxgenException("cannot define a new channel with no Consortium value");
        }
        ConfigGroup newChannel;
        try {
            newChannel = ChannelGroups.channel(conf);
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("could not turn parse profile into channel group: " + e.getMessage(), e);
        }
        ConfigUpdate u = compute(template, newChannel);
        // the consortium is named in both sets so the orderer checks it against its consortiums
        ConfigGroup readSet = withValue(u.getReadSet(), "Consortium", ConfigValue.newBuilder().setVersion(0).build());
        ConfigGroup writeSet = withValue(u.getWriteSet(), "Consortium", ConfigValue.newBuilder().setVersion(0)
                .setValue(ChannelGroups.bytes(Consortium.newBuilder().setName(conf.consortium()).build())).build());
        return u.toBuilder().setChannelId(channelId).setReadSet(readSet).setWriteSet(writeSet).build();
    }

    /** Fabric's {@code DefaultConfigTemplate}: the profile's channel with an empty application group. */
    static ConfigGroup defaultTemplate(Profile conf) throws ConfigtxgenException {
        ConfigGroup channel;
        try {
            channel = ChannelGroups.channel(conf);
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("error parsing configuration: " + e.getMessage(), e);
        }
        ConfigGroup app = channel.getGroupsMap().get(APPLICATION);
        if (app == null) {
            throw new ConfigtxgenException("channel template configs must contain an application section");
        }
        return withGroup(channel, APPLICATION, app.toBuilder().clearValues().clearPolicies().build());
    }

    /** Fabric's {@code ConfigTemplateFromGroup}. */
    static ConfigGroup templateFromSystemChannel(Profile conf, ConfigGroup system) throws ConfigtxgenException {
        if (system.getGroupsCount() == 0) {
            throw new ConfigtxgenException("supplied system channel group has no sub-groups");
        }
        ConfigGroup consortiums = system.getGroupsMap().get("Consortiums");
        if (consortiums == null) {
            throw new ConfigtxgenException("supplied system channel group does not appear to be system channel "
                    + "(missing consortiums group)");
        }
        if (consortiums.getGroupsCount() == 0) {
            throw new ConfigtxgenException("system channel consortiums group appears to have no consortiums defined");
        }
        ConfigGroup consortium = consortiums.getGroupsMap().get(conf.consortium());
        if (consortium == null) {
            throw new ConfigtxgenException("supplied system channel group is missing '" + conf.consortium()
                    + "' consortium");
        }
        if (conf.application() == null) {
            throw new ConfigtxgenException(
                    "supplied channel creation profile does not contain an application section");
        }
        Map<String, ConfigGroup> orgs = new TreeMap<>();
        for (Organization org : conf.application().organizations()) {
            ConfigGroup g = consortium.getGroupsMap().get(org.name());
            if (g == null) {
                throw new ConfigtxgenException("consortium " + conf.consortium() + " does not contain member org "
                        + org.name());
            }
            orgs.put(org.name(), g);
        }
        ConfigGroup app = ConfigGroup.newBuilder().putAllGroups(orgs)
                .putPolicies(ChannelGroups.ADMINS, ConfigPolicy.getDefaultInstance()).build();
        Map<String, ConfigGroup> groups = new TreeMap<>(system.getGroupsMap());
        groups.remove("Consortiums");
        groups.put(APPLICATION, app);
        Map<String, ConfigValue> values = new TreeMap<>(system.getValuesMap());
        values.put("Consortium", ChannelGroups.value(Consortium.newBuilder().setName(conf.consortium()).build(),
                ChannelGroups.ADMINS));
        return system.toBuilder().clearGroups().putAllGroups(groups).clearValues().putAllValues(values).build();
    }

    /**
     * configtxgen's {@code -outputAnchorPeersUpdate}: sets {@code asOrg}'s anchor peers, as an update
     * against the profile's channel with the org's anchor peers removed (application at version 1).
     */
    public static Envelope anchorPeersUpdate(String channelId, Profile conf, String asOrg)
            throws ConfigtxgenException {
        if (asOrg == null || asOrg.isEmpty()) {
            throw new ConfigtxgenException("must specify an organization to update the anchor peer for");
        }
        if (conf.application() == null) {
            throw new ConfigtxgenException("cannot update anchor peers without an application section");
        }
        ConfigGroup updated;
        try {
            updated = ChannelGroups.channel(conf);
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("error parsing profile as channel group: " + e.getMessage(), e);
        }
        ConfigGroup app = updated.getGroupsMap().get(APPLICATION).toBuilder().setVersion(1).build();
        updated = withGroup(updated, APPLICATION, app);
        ConfigGroup org = app.getGroupsMap().get(asOrg);
        if (org == null) {
            throw new ConfigtxgenException("org with name '" + asOrg + "' does not exist in config");
        }
        if (!org.getValuesMap().containsKey("AnchorPeers")) {
            throw new ConfigtxgenException("org '" + asOrg + "' does not have any anchor peers defined");
        }
        ConfigGroup originalApp = withGroup(app, asOrg, org.toBuilder().removeValues("AnchorPeers").build());
        ConfigGroup original = withGroup(updated, APPLICATION, originalApp);
        ConfigUpdate update;
        try {
            update = compute(original, updated);
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("could not compute update: " + e.getMessage(), e);
        }
        return unsignedUpdate(channelId, update.toBuilder().setChannelId(channelId).build());
    }

    private static ConfigUpdate compute(ConfigGroup original, ConfigGroup updated) throws ConfigtxgenException {
        try {
            return ConfigUpdates.compute(Config.newBuilder().setChannelGroup(original).build(),
                    Config.newBuilder().setChannelGroup(updated).build());
        } catch (IllegalArgumentException e) {
            throw new ConfigtxgenException("could not compute update: " + e.getMessage(), e);
        }
    }

    /** Fabric's {@code CreateSignedEnvelope} with no signer: CONFIG_UPDATE, version 0, empty signature header. */
    static Envelope unsignedUpdate(String channelId, ConfigUpdate update) {
        ConfigUpdateEnvelope cue = ConfigUpdateEnvelope.newBuilder()
                .setConfigUpdate(ChannelGroups.bytes(update)).build();
        ChannelHeader ch = ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_UPDATE_VALUE)
                .setVersion(0)
                .setTimestamp(GenesisBlocks.nowSeconds())
                .setChannelId(channelId)
                .setEpoch(0)
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(ch.toByteString())
                        .setSignatureHeader(SignatureHeader.getDefaultInstance().toByteString()))
                .setData(ChannelGroups.bytes(cue))
                .build();
        return Envelope.newBuilder().setPayload(ChannelGroups.bytes(payload)).build();
    }

    private static ConfigGroup withGroup(ConfigGroup parent, String name, ConfigGroup child) {
        Map<String, ConfigGroup> groups = new TreeMap<>(parent.getGroupsMap());
        groups.put(name, child);
        return parent.toBuilder().clearGroups().putAllGroups(groups).build();
    }

    private static ConfigGroup withValue(ConfigGroup parent, String name, ConfigValue value) {
        Map<String, ConfigValue> values = new TreeMap<>(parent.getValuesMap());
        values.put(name, value);
        return parent.toBuilder().clearValues().putAllValues(values).build();
    }
}
