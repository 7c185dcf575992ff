package io.weft.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.weft.channelconfig.ChannelConfig;
import io.weft.protoutil.SignedData;
import io.weft.testing.Signers;

/** Implicit meta policies and path resolution over mychannel's policy tree. */
class PolicyManagerTest {

    static final byte[] DATA = "tx".getBytes(StandardCharsets.UTF_8);
    static ChannelConfig channel;
    static SignedData user1, admin1, admin2, orderer;

    @BeforeAll
    static void setUp() throws Exception {
        channel = ChannelConfig.fromBlock(Signers.block("mychannel.block"), Signers.bccsp());
        user1 = Signers.sign(Signers.user1("org1"), DATA);
        admin1 = Signers.sign(Signers.admin("org1"), DATA);
        admin2 = Signers.sign(Signers.admin("org2"), DATA);
        orderer = Signers.sign(Signers.signer("orderer", "orderer.example.com"), DATA);
    }

    @Test
    void anyWritersAndMajorityAdmins() throws Exception {
        PolicyManager pm = channel.policyManager();
        pm.policy(PolicyManager.CHANNEL_APPLICATION_WRITERS).evaluateSignedData(List.of(user1));
        pm.policy(PolicyManager.CHANNEL_WRITERS).evaluateSignedData(List.of(user1));
        Policy admins = pm.policy(PolicyManager.CHANNEL_APPLICATION_ADMINS);
        PolicyException e = org.junit.jupiter.api.Assertions.assertThrows(PolicyException.class,
                () -> admins.evaluateSignedData(List.of(admin1)));
        assertThat(e).hasMessage("implicit policy evaluation failed - 1 sub-policies were satisfied, but this policy "
                + "requires 2 of the 'Admins' sub-policies to be satisfied");
        assertThat(e.policyPath()).contains("/Channel/Application/Admins");
        admins.evaluateSignedData(List.of(admin1, admin2));
        // /Channel/Admins = MAJORITY of Application/Admins and Orderer/Admins
        assertThatThrownBy(() -> pm.policy(PolicyManager.CHANNEL_ADMINS).evaluateSignedData(List.of(admin1, admin2)))
                .hasMessageContaining("1 sub-policies were satisfied, but this policy requires 2");
        assertThatThrownBy(() -> pm.policy(PolicyManager.BLOCK_VALIDATION).evaluateSignedData(List.of(user1)))
                .hasMessage("implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy "
                        + "requires 1 of the 'Writers' sub-policies to be satisfied");
        pm.policy(PolicyManager.BLOCK_VALIDATION).evaluateSignedData(List.of(orderer));
    }

    @Test
    void relativeNamesResolveInTheirGroup() throws Exception {
        PolicyManager org1 = channel.policyManager().manager(List.of("Application", "Org1MSP")).orElseThrow();
        org1.policy("Admins").evaluateSignedData(List.of(admin1));
        org1.policy("/Channel/Application/Org1MSP/Admins").evaluateSignedData(List.of(admin1));
        assertThatThrownBy(() -> org1.policy("/Channel/Application/Writers").evaluateSignedData(List.of(user1)))
                .hasMessage("no such policy: '/Channel/Application/Writers'");
        assertThatThrownBy(() -> channel.policyManager().policy("Application/Nope").evaluateSignedData(List.of(user1)))
                .hasMessage("no such policy: 'Application/Nope'");
        assertThatThrownBy(() -> channel.policyManager().policy("").evaluateSignedData(List.of(user1)))
                .hasMessage("no such policy: ''");
    }

    @Test
    void implicitMetaAllAnyMajorityAndNoSubGroups() throws Exception {
        ConfigGroup app = channel.config().getChannelGroup().getGroupsOrThrow("Application");
        ConfigGroup twoOrgs = ConfigGroup.newBuilder()
                .putGroups("Org1MSP", app.getGroupsOrThrow("Org1MSP"))
                .putGroups("Org2MSP", app.getGroupsOrThrow("Org2MSP"))
                .putPolicies("All", meta(ImplicitMetaPolicy.Rule.ALL, "Admins"))
                .putPolicies("Any", meta(ImplicitMetaPolicy.Rule.ANY, "Admins"))
                .putPolicies("Majority", meta(ImplicitMetaPolicy.Rule.MAJORITY, "Admins"))
                .putPolicies("Missing", meta(ImplicitMetaPolicy.Rule.ANY, "NoSuchPolicy")).build();
        PolicyManager pm = PolicyManager.build("Test", twoOrgs, channel.deserializer());
        assertThatThrownBy(() -> pm.policy("All").evaluateSignedData(List.of(admin1)))
                .hasMessageContaining("requires 2 of the 'Admins'");
        pm.policy("All").evaluateSignedData(List.of(admin2, admin1));
        pm.policy("Any").evaluateSignedData(List.of(admin2));
        pm.policy("Majority").evaluateSignedData(List.of(admin1, admin2));
        assertThatThrownBy(() -> pm.policy("Missing").evaluateSignedData(List.of(admin1)))
                .hasMessage("implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy "
                        + "requires 1 of the 'NoSuchPolicy' sub-policies to be satisfied");

        ConfigGroup leaf = ConfigGroup.newBuilder().putPolicies("All", meta(ImplicitMetaPolicy.Rule.ALL, "Admins")).build();
        PolicyManager empty = PolicyManager.build("Leaf", leaf, channel.deserializer());
        assertThatCode(() -> empty.policy("All").evaluateSignedData(List.of())).doesNotThrowAnyException();
    }

    @Test
    void unknownPolicyTypeIsACompileError() {
        ConfigGroup g = ConfigGroup.newBuilder().putPolicies("X", ConfigPolicy.newBuilder()
                .setPolicy(org.hyperledger.fabric.protos.common.Policy.newBuilder().setType(2)).build()).build();
        assertThatThrownBy(() -> PolicyManager.build("Channel", g, channel.deserializer()))
                .hasMessage("policy X at path Channel has unknown policy type: 2");
    }

    static ConfigPolicy meta(ImplicitMetaPolicy.Rule rule, String sub) {
        return ConfigPolicy.newBuilder().setModPolicy("Admins").setPolicy(org.hyperledger.fabric.protos.common.Policy
                .newBuilder().setType(3).setValue(ImplicitMetaPolicy.newBuilder().setRule(rule).setSubPolicy(sub)
                        .build().toByteString())).build();
    }
}
