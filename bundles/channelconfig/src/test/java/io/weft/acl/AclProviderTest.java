package io.weft.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.APIResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.weft.channelconfig.ChannelConfig;
import io.weft.protoutil.SignedData;
import io.weft.testing.Signers;

class AclProviderTest {

    static final byte[] DATA = "proposal".getBytes(StandardCharsets.UTF_8);
    static ChannelConfig mychannel;
    static AclProvider acl;
    static SignedData user1, admin1, peer1, admin2, orderer;

    @BeforeAll
    static void setUp() throws Exception {
        mychannel = ChannelConfig.fromBlock(Signers.block("mychannel.block"), Signers.bccsp());
        acl = new AclProvider(Signers.local("org1", "peer0.org1.example.com").msp());
        user1 = Signers.sign(Signers.user1("org1"), DATA);
        admin1 = Signers.sign(Signers.admin("org1"), DATA);
        peer1 = Signers.sign(Signers.peer0("org1"), DATA);
        admin2 = Signers.sign(Signers.admin("org2"), DATA);
        orderer = Signers.sign(Signers.signer("orderer", "orderer.example.com"), DATA);
    }

    @Test
    void channelResourcesFollowTheChannelsAclsValue() throws Exception {
        acl.checkAcl(Resources.PEER_PROPOSE, mychannel, user1);
        assertThatThrownBy(() -> acl.checkAcl(Resources.PEER_PROPOSE, mychannel, peer1)).hasMessage(
                "failed evaluating policy on signed data during check policy [/Channel/Application/Writers]: "
                        + "[implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 "
                        + "of the 'Writers' sub-policies to be satisfied]");
        acl.checkAcl(Resources.QSCC_GET_CHAIN_INFO, mychannel, peer1);
    }

    /** The endorser's path: the signer was verified with the channel's MSPs; the outcome is the signed-data one. */
    @Test
    void aVerifiedSignerGetsTheSameAnswersWithoutASecondVerification() throws Exception {
        acl.checkAcl(Resources.PEER_PROPOSE, mychannel, user1, verified(user1));
        assertThatThrownBy(() -> acl.checkAcl(Resources.PEER_PROPOSE, mychannel, peer1, verified(peer1))).hasMessage(
                "failed evaluating policy on signed data during check policy [/Channel/Application/Writers]: "
                        + "[implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 "
                        + "of the 'Writers' sub-policies to be satisfied]");
        assertThatThrownBy(() -> acl.checkAcl(Resources.GATEWAY_COMMIT_STATUS, mychannel, orderer, verified(orderer)))
                .hasMessage("Failed evaluating policy on signed data during check policy on channel [mychannel] with "
                        + "policy [/Channel/Application/Readers]: [implicit policy evaluation failed - 0 sub-policies "
                        + "were satisfied, but this policy requires 1 of the 'Readers' sub-policies to be satisfied]");
        // peer-level resources still check the signed data against the local MSP
        SignedData forged = new SignedData(admin1.data(), admin1.identity(), user1.signature());
        assertThatThrownBy(() -> acl.checkAcl(Resources.LSCC_INSTALL, mychannel, forged, verified(admin1)))
                .hasMessage("The signature is invalid");
    }

    private static io.weft.msp.Identity verified(SignedData sd) throws Exception {
        io.weft.msp.Identity id = mychannel.deserializer().deserializeIdentity(sd.identity());
        id.validate();
        id.verify(sd.data().toByteArray(), sd.signature().toByteArray());
        return id;
    }

    @Test
    void channelResourcesMissingFromTheAclsValueUseTheDefaults() throws Exception {
        assertThat(mychannel.application().orElseThrow().policyRefForApi(Resources.GATEWAY_COMMIT_STATUS)).isEmpty();
        acl.checkAcl(Resources.GATEWAY_COMMIT_STATUS, mychannel, user1);
        assertThatThrownBy(() -> acl.checkAcl(Resources.GATEWAY_COMMIT_STATUS, mychannel, orderer)).hasMessage(
                "Failed evaluating policy on signed data during check policy on channel [mychannel] with policy "
                        + "[/Channel/Application/Readers]: [implicit policy evaluation failed - 0 sub-policies were "
                        + "satisfied, but this policy requires 1 of the 'Readers' sub-policies to be satisfied]");
        assertThat(DefaultAcls.defaultPolicy(Resources.LIFECYCLE_CHECK_COMMIT_READINESS))
                .isEqualTo("/Channel/Application/Writers");
        assertThat(DefaultAcls.defaultPolicy(Resources.CSCC_GET_CHANNELS)).isEqualTo("Members");
    }

    @Test
    void overridesResolveRelativeReferencesButNeverPeerResources() throws Exception {
        ChannelConfig overridden = withAcls(ACLs.newBuilder()
                .putAcls(Resources.PEER_PROPOSE, APIResource.newBuilder().setPolicyRef("Admins").build())
                .putAcls(Resources.EVENT_BLOCK, APIResource.newBuilder().setPolicyRef("/Channel/Application/Nope").build())
                .putAcls(Resources.QSCC_GET_CHAIN_INFO, APIResource.newBuilder().setPolicyRef("").build())
                .putAcls(Resources.CSCC_JOIN_CHAIN, APIResource.newBuilder().setPolicyRef("/Channel/Application/Readers")
                        .build()).build());
        assertThat(overridden.application().orElseThrow().policyRefForApi(Resources.PEER_PROPOSE))
                .contains("/Channel/Application/Admins");
        assertThatThrownBy(() -> acl.checkAcl(Resources.PEER_PROPOSE, overridden, user1))
                .hasMessageStartingWith("failed evaluating policy on signed data during check policy "
                        + "[/Channel/Application/Admins]: [implicit policy evaluation failed - 0 sub-policies");
        acl.checkAcl(Resources.PEER_PROPOSE, overridden, List.of(admin1, admin2));
        assertThatThrownBy(() -> acl.checkAcl(Resources.EVENT_BLOCK, overridden, user1)).hasMessage(
                "failed evaluating policy on signed data during check policy [/Channel/Application/Nope]: "
                        + "[policy /Channel/Application/Nope not found]");
        // an empty reference falls back to the default
        acl.checkAcl(Resources.QSCC_GET_CHAIN_INFO, overridden, user1);
        // peer-level resources ignore the channel: a Readers member is no local admin
        assertThatThrownBy(() -> acl.checkAcl(Resources.CSCC_JOIN_CHAIN, overridden, user1))
                .hasMessageStartingWith("failed verifying that the signed data identity satisfies local MSP principal "
                        + "during channelless check policy with policy [Admins]: [");
    }

    @Test
    void peerResourcesUseTheLocalMsp() throws Exception {
        acl.checkAcl(Resources.CSCC_JOIN_CHAIN, mychannel, admin1);
        acl.checkAclNoChannel(Resources.LIFECYCLE_INSTALL_CHAINCODE, List.of(admin1));
        acl.checkAclNoChannel(Resources.CSCC_GET_CHANNELS, List.of(user1));
        assertThatThrownBy(() -> acl.checkAclNoChannel(Resources.LIFECYCLE_INSTALL_CHAINCODE, List.of(user1)))
                .hasMessageStartingWith("failed verifying that the signed data identity satisfies local MSP principal");
        assertThatThrownBy(() -> acl.checkAclNoChannel(Resources.CSCC_JOIN_CHAIN, List.of(admin2)))
                .hasMessageStartingWith("failed deserializing signed data identity during channelless check policy "
                        + "with policy [Admins]: [");
        SignedData forged = new SignedData(admin1.data(), admin1.identity(), user1.signature());
        assertThatThrownBy(() -> acl.checkAclNoChannel(Resources.CSCC_JOIN_CHAIN, List.of(forged)))
                .isInstanceOf(AclException.class);
        assertThatThrownBy(() -> acl.checkAclNoChannel(Resources.CSCC_JOIN_CHAIN, List.of()))
                .hasMessage("no signed data during channelless check policy with policy [Admins]");
        assertThatThrownBy(() -> acl.checkAclNoChannel(Resources.PEER_PROPOSE, List.of(admin1)))
                .hasMessage("cannot override peer type policy for channeless ACL check");
    }

    @Test
    void unmappedResources() {
        assertThatThrownBy(() -> acl.checkAcl("foo/Bar", mychannel, user1)).hasMessage("Unmapped policy for foo/Bar");
        assertThatThrownBy(() -> acl.checkAcl(Resources.LSCC_DEPLOY, mychannel, user1))
                .hasMessage("Unmapped policy for lscc/Deploy");
        assertThatCode(() -> acl.checkAcl(Resources.LSCC_GET_COLLECTIONS_CONFIG, mychannel, user1))
                .doesNotThrowAnyException();
    }

    private static ChannelConfig withAcls(ACLs acls) throws Exception {
        Config base = mychannel.config();
        ConfigGroup root = base.getChannelGroup();
        ConfigGroup app = root.getGroupsOrThrow("Application").toBuilder().putValues("ACLs",
                ConfigValue.newBuilder().setModPolicy("Admins").setValue(acls.toByteString()).build()).build();
        return ChannelConfig.of("mychannel", base.toBuilder().setChannelGroup(root.toBuilder()
                .putGroups("Application", app)).build(), Signers.bccsp());
    }
}
