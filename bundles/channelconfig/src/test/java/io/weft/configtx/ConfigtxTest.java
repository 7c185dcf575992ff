package io.weft.configtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.AnchorPeer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.weft.channelconfig.ChannelConfig;
import io.weft.channelconfig.NewChannelTemplate;
import io.weft.testing.Signers;

/**
 * Config updates from the vectors: legacychannel is created from the 1.4 system channel the way the orderer
 * does, then Org1MSPanchors.tx is applied to it.
 */
class ConfigtxTest {

    static ChannelConfig system;
    static ChannelConfig legacy;
    static Envelope anchors;

    @BeforeAll
    static void createLegacyChannel() throws Exception {
        system = ChannelConfig.fromBlock(Signers.block("system-genesis-1.4.block"), Signers.bccsp());
        // peer channel create signs the creation tx with the local admin
        Envelope create = Signers.addConfigSignature(Signers.envelope("legacychannel.tx"), Signers.admin("org1"));
        ChannelConfig template = NewChannelTemplate.of(system, create, Signers.bccsp());
        assertThat(template.sequence()).isZero();
        ConfigEnvelope created = template.configtxValidator().proposeConfigUpdate(create);
        assertThat(created.getConfig().getSequence()).isEqualTo(1);
        assertThat(created.getLastUpdate()).isEqualTo(create);
        legacy = ChannelConfig.of("legacychannel", created.getConfig(), Signers.bccsp());
        anchors = Signers.envelope("Org1MSPanchors.tx");
    }

    @Test
    void createdChannelHasTheConsortiumOrgsAndTheWriteSetsValues() throws Exception {
        assertThat(legacy.consortiumName()).isEqualTo("SampleConsortium");
        assertThat(legacy.application().orElseThrow().orgs()).containsOnlyKeys("Org1MSP", "Org2MSP");
        assertThat(legacy.application().orElseThrow().capabilities().names()).containsExactly("V1_4_2");
        assertThat(legacy.application().orElseThrow().policyRefForApi("peer/Propose"))
                .contains("/Channel/Application/Writers");
        assertThat(legacy.orderer().orElseThrow().consensusType()).isEqualTo("solo");
        assertThat(legacy.mspManager().msps()).containsOnlyKeys("Org1MSP", "Org2MSP", "OrdererMSP");
        ConfigGroup app = legacy.config().getChannelGroup().getGroupsOrThrow("Application");
        assertThat(app.getVersion()).isEqualTo(1);
        assertThat(app.getModPolicy()).isEqualTo("Admins");
        assertThat(app.getPoliciesMap()).containsOnlyKeys("Admins", "Endorsement", "LifecycleEndorsement", "Readers", "Writers");
        legacy.requirePeerSupport();
    }

    @Test
    void creationWithoutSignaturesIsRefusedByTheConsortiumPolicy() throws Exception {
        Envelope unsigned = Signers.envelope("legacychannel.tx");
        ChannelConfig template = NewChannelTemplate.of(system, unsigned, Signers.bccsp());
        assertThatThrownBy(() -> template.configtxValidator().proposeConfigUpdate(unsigned)).hasMessage(
                "error authorizing update: error validating DeltaSet: policy for [Group]  /Channel/Application not "
                        + "satisfied: implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy "
                        + "requires 1 of the 'Admins' sub-policies to be satisfied");
    }

    @Test
    void anchorPeersUpdateApplies() throws Exception {
        Envelope signed = Signers.addConfigSignature(anchors, Signers.admin("org1"));
        ConfigEnvelope next = legacy.configtxValidator().proposeConfigUpdate(signed);
        assertThat(next.getConfig().getSequence()).isEqualTo(2);
        ChannelConfig updated = ChannelConfig.of("legacychannel", next.getConfig(), Signers.bccsp());
        assertThat(updated.application().orElseThrow().orgs().get("Org1MSP").anchorPeers())
                .containsExactly(AnchorPeer.newBuilder().setHost("127.0.0.1").setPort(7051).build());
        assertThat(updated.config().getChannelGroup().getGroupsOrThrow("Application").getGroupsOrThrow("Org1MSP")
                .getVersion()).isEqualTo(1);
        // the peer's checks of a received config block
        legacy.configtxValidator().validate(next);
        legacy.validateNew(updated);
        ConfigEnvelope forged = next.toBuilder().setConfig(next.getConfig().toBuilder().setChannelGroup(
                legacy.config().getChannelGroup())).build();
        assertThatThrownBy(() -> legacy.configtxValidator().validate(forged))
                .hasMessage("ConfigEnvelope LastUpdate did not produce the supplied config result");
        assertThatThrownBy(() -> updated.configtxValidator().validate(next))
                .hasMessage("config currently at sequence 2, cannot validate config at sequence 2");
    }

    @Test
    void missingOrWrongSignaturesAreRejected() {
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(anchors)).hasMessage(
                "error authorizing update: error validating DeltaSet: policy for [Group]  /Channel/Application/Org1MSP "
                        + "not satisfied: signature set did not satisfy policy");
        Envelope byOrg2 = Signers.addConfigSignature(anchors, Signers.admin("org2"));
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(byOrg2))
                .hasMessageEndingWith("signature set did not satisfy policy");
        Envelope byUser = Signers.addConfigSignature(anchors, Signers.user1("org1"));
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(byUser))
                .hasMessageEndingWith("signature set did not satisfy policy");
    }

    @Test
    void staleReadSetIsRejected() throws Exception {
        ConfigUpdate u = update(anchors);
        ConfigUpdate stale = u.toBuilder().setReadSet(u.getReadSet().toBuilder().putGroups("Application",
                u.getReadSet().getGroupsOrThrow("Application").toBuilder().setVersion(0).build())).build();
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(signed(stale))).hasMessage(
                "error authorizing update: error validating ReadSet: proposed update requires that key "
                        + "[Group]  /Channel/Application be at version 0, but it is currently at version 1");
        ConfigUpdate unknown = u.toBuilder().setReadSet(u.getReadSet().toBuilder().putValues("Nope",
                ConfigValue.getDefaultInstance())).build();
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(signed(unknown))).hasMessage(
                "error authorizing update: error validating ReadSet: existing config does not contain element for "
                        + "[Value]  /Channel/Nope but was in the read set");
    }

    @Test
    void writesWithoutReadOrWithBadVersionsOrModPoliciesAreRejected() throws Exception {
        ConfigGroup org1Write = update(anchors).getWriteSet().getGroupsOrThrow("Application").getGroupsOrThrow("Org1MSP");
        // write without read: every written element counts as changed, so existing ones must move a version
        ConfigUpdate noRead = ConfigUpdate.newBuilder().setChannelId("legacychannel")
                .setWriteSet(root(app(1, org1Write)).toBuilder().setModPolicy("Admins")).build();
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(signed(noRead))).hasMessage(
                "error authorizing update: error validating DeltaSet: attempt to set key [Group]  /Channel to version 0, "
                        + "but key is at version 0");
        ConfigUpdate noReadNoModPolicy = ConfigUpdate.newBuilder().setChannelId("legacychannel")
                .setWriteSet(root(app(1, org1Write))).build();
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(signed(noReadNoModPolicy)))
                .hasMessageEndingWith("invalid mod_policy for element [Group]  /Channel: mod_policy not set");
        // a new element must start at version 0
        ConfigUpdate newAtOne = update(anchors).toBuilder().setWriteSet(root(app(1, org1Write.toBuilder()
                .putValues("Extra", ConfigValue.newBuilder().setVersion(1).setModPolicy("Admins").build()).build())))
                .build();
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(signed(newAtOne))).hasMessageContaining(
                "attempted to set key [Value]  /Channel/Application/Org1MSP/Extra to version 1, but key does not exist");
        // changed elements need a valid mod_policy
        ConfigUpdate noModPolicy = update(anchors).toBuilder().setWriteSet(root(app(1,
                org1Write.toBuilder().setModPolicy("").build()))).build();
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(signed(noModPolicy))).hasMessage(
                "error authorizing update: error validating DeltaSet: invalid mod_policy for element "
                        + "[Group]  /Channel/Application/Org1MSP: mod_policy not set");
        ConfigUpdate badModPolicy = update(anchors).toBuilder().setWriteSet(root(app(1,
                org1Write.toBuilder().setModPolicy("/Channel/Bad Name").build()))).build();
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(signed(badModPolicy)))
                .hasMessageContaining("path element at 1 is invalid: config ID 'Bad Name' contains illegal characters");
    }

    @Test
    void existingElementsModPolicyMustExist() throws Exception {
        // a config whose Org1MSP group names a policy that does not exist
        ConfigGroup root = legacy.config().getChannelGroup();
        ConfigGroup app = root.getGroupsOrThrow("Application");
        ConfigGroup broken = root.toBuilder().putGroups("Application", app.toBuilder().putGroups("Org1MSP",
                app.getGroupsOrThrow("Org1MSP").toBuilder().setModPolicy("NoSuchPolicy").build()).build()).build();
        ChannelConfig cfg = ChannelConfig.of("legacychannel", legacy.config().toBuilder().setChannelGroup(broken).build(),
                Signers.bccsp());
        Envelope signed = Signers.addConfigSignature(anchors, Signers.admin("org1"));
        assertThatThrownBy(() -> cfg.configtxValidator().proposeConfigUpdate(signed)).hasMessage(
                "error authorizing update: error validating DeltaSet: unexpected missing policy NoSuchPolicy for item "
                        + "[Group]  /Channel/Application/Org1MSP");
    }

    @Test
    void emptyUpdatesAndOtherChannelsAreRejected() throws Exception {
        ConfigUpdate u = update(anchors);
        ConfigUpdate noop = u.toBuilder().setWriteSet(u.getReadSet()).build();
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(signed(noop))).hasMessage(
                "error authorizing update: error validating DeltaSet: delta set was empty -- update would have no effect");
        ConfigUpdate other = u.toBuilder().setChannelId("mychannel").build();
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(signed(other))).hasMessage(
                "error authorizing update: ConfigUpdate for channel 'mychannel' but envelope for channel 'legacychannel'");
        Envelope notAnUpdate = Envelope.newBuilder().setPayload(Payload.newBuilder().setHeader(Header.newBuilder()
                .setChannelHeader(ChannelHeader.newBuilder().setType(HeaderType.CONFIG_VALUE).build().toByteString()))
                .build().toByteString()).build();
        assertThatThrownBy(() -> legacy.configtxValidator().proposeConfigUpdate(notAnUpdate))
                .hasMessage("error converting envelope to config update: invalid type CONFIG, expected CONFIG_UPDATE");
    }

    @Test
    void elementsLeftOutOfAWrittenGroupAreDeleted() throws Exception {
        ConfigEnvelope withAnchors = legacy.configtxValidator()
                .proposeConfigUpdate(Signers.addConfigSignature(anchors, Signers.admin("org1")));
        ChannelConfig seq2 = ChannelConfig.of("legacychannel", withAnchors.getConfig(), Signers.bccsp());
        ConfigGroup org1 = withAnchors.getConfig().getChannelGroup().getGroupsOrThrow("Application")
                .getGroupsOrThrow("Org1MSP");
        ConfigGroup readOrg1 = ConfigGroup.newBuilder().setVersion(1)
                .putAllValues(java.util.Map.of("MSP", ConfigValue.getDefaultInstance()))
                .putAllPolicies(update(anchors).getReadSet().getGroupsOrThrow("Application").getGroupsOrThrow("Org1MSP")
                        .getPoliciesMap()).build();
        ConfigGroup writeOrg1 = readOrg1.toBuilder().setVersion(2).setModPolicy("Admins").build();
        ConfigUpdate delete = ConfigUpdate.newBuilder().setChannelId("legacychannel")
                .setReadSet(root(app(1, readOrg1))).setWriteSet(root(app(1, writeOrg1))).build();
        ConfigEnvelope next = seq2.configtxValidator().proposeConfigUpdate(signed(delete));
        ConfigGroup after = next.getConfig().getChannelGroup().getGroupsOrThrow("Application").getGroupsOrThrow("Org1MSP");
        assertThat(org1.getValuesMap()).containsKey("AnchorPeers");
        assertThat(after.getValuesMap()).containsOnlyKeys("MSP");
        assertThat(after.getValuesMap().get("MSP")).isEqualTo(org1.getValuesMap().get("MSP"));
        assertThat(after.getVersion()).isEqualTo(2);
    }

    @Test
    void configTransitionsKeepSectionsAndMspIds() throws Exception {
        assertThatThrownBy(() -> system.validateNew(legacy))
                .hasMessage("current config has consortiums section, but new config does not");
        assertThatThrownBy(() -> legacy.validateNew(system))
                .hasMessage("current config has application section, but new config does not");
        ChannelConfig mychannel = ChannelConfig.fromBlock(Signers.block("mychannel.block"), Signers.bccsp());
        ConfigGroup root = legacy.config().getChannelGroup();
        ConfigGroup app = root.getGroupsOrThrow("Application");
        ConfigGroup swapped = root.toBuilder().putGroups("Application", app.toBuilder()
                .putGroups("Org1MSP", app.getGroupsOrThrow("Org2MSP")).build()).build();
        ChannelConfig renamed = ChannelConfig.of("legacychannel", legacy.config().toBuilder().setChannelGroup(swapped)
                .build(), Signers.bccsp());
        assertThatThrownBy(() -> legacy.validateNew(renamed))
                .hasMessage("application org Org1MSP attempted to change MSP ID from Org1MSP to Org2MSP");
        mychannel.validateNew(mychannel);
    }

    static ConfigUpdate update(Envelope env) throws Exception {
        return ConfigUpdate.parseFrom(ConfigUpdates.fromEnvelope(env).getConfigUpdate());
    }

    static ConfigGroup app(long version, ConfigGroup org1) {
        return ConfigGroup.newBuilder().setVersion(version).putGroups("Org1MSP", org1).build();
    }

    static ConfigGroup root(ConfigGroup app) {
        return ConfigGroup.newBuilder().putGroups("Application", app).build();
    }

    /** A CONFIG_UPDATE envelope of {@code update}, signed by Org1's admin. */
    static Envelope signed(ConfigUpdate update) {
        Envelope env = Envelope.newBuilder().setPayload(Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(ChannelHeader.newBuilder()
                        .setType(HeaderType.CONFIG_UPDATE_VALUE).setChannelId(update.getChannelId()).build().toByteString()))
                .setData(ConfigUpdateEnvelope.newBuilder().setConfigUpdate(update.toByteString()).build().toByteString())
                .build().toByteString()).build();
        return Signers.addConfigSignature(env, Signers.admin("org1"));
    }
}
