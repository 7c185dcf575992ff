package io.weft.channelconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.peer.AnchorPeer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.weft.msp.MspVersion;
import io.weft.policies.PolicyManager;
import io.weft.testing.Signers;

/** The vectors' genesis blocks decode to the values of configtxgen's JSON rendering next to them. */
class ChannelConfigVectorsTest {

    static ChannelConfig mychannel;
    static ChannelConfig system;

    @BeforeAll
    static void load() throws Exception {
        mychannel = ChannelConfig.fromBlock(Signers.block("mychannel.block"), Signers.bccsp());
        system = ChannelConfig.fromBlock(Signers.block("system-genesis-1.4.block"), Signers.bccsp());
    }

    @Test
    void mychannelChannelLevel() throws Exception {
        assertThat(mychannel.channelId()).isEqualTo("mychannel");
        assertThat(mychannel.sequence()).isZero();
        assertThat(mychannel.hashingAlgorithm()).isEqualTo("SHA256");
        assertThat(mychannel.blockDataHashingWidth()).isEqualTo(4294967295L);
        assertThat(mychannel.ordererAddresses()).containsExactly("127.0.0.1:7050");
        assertThat(mychannel.consortiumName()).isEmpty();
        assertThat(mychannel.capabilities().names()).containsExactly("V2_0");
        assertThat(mychannel.capabilities().mspVersion()).isEqualTo(MspVersion.V1_4_3);
        assertThat(mychannel.consortiums()).isEmpty();
        mychannel.requirePeerSupport();
        mychannel.requireOrdererSupport();
    }

    @Test
    void mychannelOrderer() {
        OrdererConfig o = mychannel.orderer().orElseThrow();
        assertThat(o.consensusType()).isEqualTo("etcdraft");
        assertThat(o.consensusState()).isEqualTo(ConsensusType.State.STATE_NORMAL);
        var raft = o.etcdRaft().orElseThrow();
        assertThat(raft.getConsentersList()).singleElement().satisfies(c -> {
            assertThat(c.getHost()).isEqualTo("127.0.0.1");
            assertThat(c.getPort()).isEqualTo(7050);
        });
        assertThat(raft.getOptions().getTickInterval()).isEqualTo("500ms");
        assertThat(raft.getOptions().getElectionTick()).isEqualTo(10);
        assertThat(raft.getOptions().getSnapshotIntervalSize()).isEqualTo(16777216);
        assertThat(o.batchSize().getMaxMessageCount()).isEqualTo(10);
        assertThat(o.batchSize().getAbsoluteMaxBytes()).isEqualTo(103809024);
        assertThat(o.batchSize().getPreferredMaxBytes()).isEqualTo(524288);
        assertThat(o.batchTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.maxChannels()).isZero();
        assertThat(o.capabilities().names()).containsExactly("V2_0");
        assertThat(o.orgs()).containsOnlyKeys("OrdererOrg");
        OrdererOrg org = o.orgs().get("OrdererOrg");
        assertThat(org.mspId()).isEqualTo("OrdererMSP");
        assertThat(org.endpoints()).containsExactly("127.0.0.1:7050");
        assertThat(mychannel.ordererEndpoints()).containsExactly("127.0.0.1:7050");
    }

    @Test
    void mychannelApplication() {
        ApplicationConfig a = mychannel.application().orElseThrow();
        assertThat(a.capabilities().names()).containsExactly("V2_0");
        assertThat(a.capabilities().lifecycleV20()).isTrue();
        assertThat(a.capabilities().acls()).isTrue();
        assertThat(a.orgs()).containsOnlyKeys("Org1MSP", "Org2MSP");
        assertThat(a.orgs().get("Org1MSP").anchorPeers())
                .containsExactly(AnchorPeer.newBuilder().setHost("127.0.0.1").setPort(7051).build());
        assertThat(a.orgs().get("Org2MSP").anchorPeers())
                .containsExactly(AnchorPeer.newBuilder().setHost("127.0.0.1").setPort(9051).build());
        assertThat(a.aclPolicyRefs()).hasSize(19)
                .containsEntry("peer/Propose", "/Channel/Application/Writers")
                .containsEntry("qscc/GetChainInfo", "/Channel/Application/Readers")
                .containsEntry("_lifecycle/CommitChaincodeDefinition", "/Channel/Application/Writers");
        assertThat(mychannel.mspManager().msps()).containsOnlyKeys("Org1MSP", "Org2MSP", "OrdererMSP");
        assertThat(mychannel.mspManager().msps().get("Org1MSP").version()).isEqualTo(MspVersion.V1_4_3);
    }

    @Test
    void mychannelPolicies() {
        PolicyManager pm = mychannel.policyManager();
        assertThat(pm.path()).isEqualTo("Channel");
        for (String path : new String[] {"/Channel/Readers", "/Channel/Writers", "/Channel/Admins",
                "/Channel/Application/Readers", "/Channel/Application/Writers", "/Channel/Application/Admins",
                "/Channel/Application/Endorsement", "/Channel/Application/LifecycleEndorsement",
                "/Channel/Application/Org1MSP/Endorsement", "/Channel/Orderer/BlockValidation",
                "/Channel/Orderer/OrdererOrg/Writers", "Application/Org2MSP/Admins", "Admins"}) {
            assertThat(pm.find(path)).as(path).isPresent();
        }
        assertThat(pm.find("/Channel/Application/Nope")).isEmpty();
        assertThat(pm.find("/Other/Readers")).isEmpty();
        assertThat(pm.manager(java.util.List.of("Application", "Org1MSP")).orElseThrow().path())
                .isEqualTo("Channel/Application/Org1MSP");
        assertThat(pm.manager(java.util.List.of("Application")).orElseThrow().find("Org1MSP/Readers")).isPresent();
    }

    @Test
    void systemChannelGenesis() throws Exception {
        assertThat(system.channelId()).isEqualTo("system-channel");
        assertThat(system.capabilities().names()).containsExactly("V1_4_3");
        assertThat(system.application()).isEmpty();
        OrdererConfig o = system.orderer().orElseThrow();
        assertThat(o.consensusType()).isEqualTo("solo");
        assertThat(o.etcdRaft()).isEmpty();
        assertThat(o.capabilities().names()).containsExactly("V1_4_2");
        assertThat(o.capabilities().predictableChannelTemplate()).isTrue();
        assertThat(o.capabilities().useChannelCreationPolicyAsAdmins()).isFalse();
        assertThat(o.orgs().get("OrdererOrg").endpoints()).containsExactly("127.0.0.1:7050");
        Consortium c = system.consortiums().orElseThrow().get("SampleConsortium");
        assertThat(c.orgs()).containsOnlyKeys("Org1MSP", "Org2MSP");
        assertThat(c.orgs().get("Org2MSP").mspId()).isEqualTo("Org2MSP");
        assertThat(c.channelCreationPolicy().getType()).isEqualTo(Policy.PolicyType.IMPLICIT_META_VALUE);
        assertThat(system.mspManager().msps()).containsOnlyKeys("Org1MSP", "Org2MSP", "OrdererMSP");
        assertThat(system.policyManager().find("/Channel/Consortiums/Admins")).isPresent();
        system.requireOrdererSupport();
        assertThatThrownBy(system::requirePeerSupport)
                .hasMessage("[channel system-channel] does not have application config so is incompatible");
    }

    @Test
    void unknownRequiredCapabilityRefusesTheChannel() throws Exception {
        ChannelConfig future = withChannelCapability("V9_9");
        assertThatThrownBy(future::requirePeerSupport)
                .hasMessage("[channel mychannel] incompatible: Channel capability V9_9 is required but not supported");
        assertThatThrownBy(future::requireOrdererSupport).hasMessage(
                "[channel mychannel] config requires unsupported channel capabilities: Channel capability V9_9 is required but not supported");
        // V2_5 exists for applications only
        assertThatThrownBy(() -> withChannelCapability("V2_5").requirePeerSupport())
                .hasMessageContaining("Channel capability V2_5 is required but not supported");
    }

    @Test
    void invalidValuesAreRejectedWithFabricsMessages() throws Exception {
        Config base = mychannel.config();
        ConfigGroup root = base.getChannelGroup();
        Config badHash = base.toBuilder().setChannelGroup(root.toBuilder().putValues("HashingAlgorithm",
                value(org.hyperledger.fabric.protos.common.HashingAlgorithm.newBuilder().setName("MD5").build()))).build();
        assertThatThrownBy(() -> ChannelConfig.of("mychannel", badHash, Signers.bccsp()))
                .hasMessage("initializing channelconfig failed: Unknown hashing algorithm type: MD5");
        Config unknownKey = base.toBuilder().setChannelGroup(root.toBuilder().putValues("Bogus",
                ConfigValue.getDefaultInstance())).build();
        assertThatThrownBy(() -> ChannelConfig.of("mychannel", unknownKey, Signers.bccsp()))
                .hasMessageContaining("Unexpected key Bogus");
        ConfigGroup orderer = root.getGroupsOrThrow("Orderer");
        Config badTimeout = base.toBuilder().setChannelGroup(root.toBuilder().putGroups("Orderer", orderer.toBuilder()
                .putValues("BatchTimeout", value(org.hyperledger.fabric.protos.orderer.BatchTimeout.newBuilder()
                        .setTimeout("0s").build())).build())).build();
        assertThatThrownBy(() -> ChannelConfig.of("mychannel", badTimeout, Signers.bccsp())).hasMessage(
                "initializing channelconfig failed: could not create channel Orderer sub-group config: "
                        + "Attempted to set the batch timeout to a non-positive value: 0s");
        Config disallowed = base.toBuilder().setChannelGroup(root.toBuilder().putGroups("Extra",
                ConfigGroup.getDefaultInstance())).build();
        assertThatThrownBy(() -> ChannelConfig.of("mychannel", disallowed, Signers.bccsp()))
                .hasMessageContaining("Disallowed channel group: Extra");
    }

    private static ChannelConfig withChannelCapability(String name) throws Exception {
        Config base = mychannel.config();
        var caps = org.hyperledger.fabric.protos.common.Capabilities.newBuilder()
                .putCapabilities("V2_0", Capability.getDefaultInstance())
                .putCapabilities(name, Capability.getDefaultInstance()).build();
        Config c = base.toBuilder().setChannelGroup(base.getChannelGroup().toBuilder()
                .putValues("Capabilities", value(caps))).build();
        return ChannelConfig.of("mychannel", c, Signers.bccsp());
    }

    static ConfigValue value(com.google.protobuf.Message m) {
        return ConfigValue.newBuilder().setValue(m.toByteString()).setModPolicy("Admins").build();
    }

    @Test
    void goDurations() {
        assertThat(GoDuration.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(GoDuration.parse("1m30.5s")).isEqualTo(Duration.ofMillis(90_500));
        assertThat(GoDuration.parse("200ms")).isEqualTo(Duration.ofMillis(200));
        assertThatThrownBy(() -> GoDuration.parse("2")).hasMessage("time: missing unit in duration \"2\"");
        assertThatThrownBy(() -> GoDuration.parse("2x")).hasMessage("time: unknown unit \"x\" in duration \"2x\"");
    }

}
