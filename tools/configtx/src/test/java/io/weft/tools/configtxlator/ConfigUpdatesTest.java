package io.weft.tools.configtxlator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Policy;
import org.junit.jupiter.api.Test;

/** The read/write set rules of Fabric's update computation, on small hand-made trees. */
class ConfigUpdatesTest {

    private static ConfigValue value(String v, long version) {
        return ConfigValue.newBuilder().setValue(ByteString.copyFromUtf8(v)).setVersion(version)
                .setModPolicy("Admins").build();
    }

    private static ConfigGroup org(String v) {
        return ConfigGroup.newBuilder().setVersion(3).setModPolicy("Admins")
                .putValues("MSP", value(v, 2))
                .putPolicies("Admins", ConfigPolicy.newBuilder().setVersion(1).setModPolicy("Admins")
                        .setPolicy(Policy.newBuilder().setType(1)).build())
                .build();
    }

    private static Config channel(ConfigGroup app) {
        return Config.newBuilder().setChannelGroup(ConfigGroup.newBuilder().setVersion(7).setModPolicy("Admins")
                .putValues("HashingAlgorithm", value("SHA256", 0))
                .putGroups("Application", app)).build();
    }

    private static ConfigGroup app(ConfigGroup... orgs) {
        ConfigGroup.Builder b = ConfigGroup.newBuilder().setVersion(4).setModPolicy("Admins");
        for (int i = 0; i < orgs.length; i++) {
            b.putGroups("Org" + (i + 1), orgs[i]);
        }
        return b.build();
    }

    @Test
    void changedValueBumpsOnlyItsOwnVersion() {
        ConfigUpdate u = ConfigUpdates.compute(channel(app(org("a"), org("b"))), channel(app(org("a"), org("c"))));
        ConfigGroup writeOrg = u.getWriteSet().getGroupsOrThrow("Application").getGroupsOrThrow("Org2");
        assertThat(writeOrg.getVersion()).isEqualTo(3); // the group's members did not change
        assertThat(writeOrg.getValuesOrThrow("MSP").getVersion()).isEqualTo(3);
        assertThat(writeOrg.getValuesOrThrow("MSP").getValue().toStringUtf8()).isEqualTo("c");
        assertThat(writeOrg.getPoliciesMap()).isEmpty();
        ConfigGroup readOrg = u.getReadSet().getGroupsOrThrow("Application").getGroupsOrThrow("Org2");
        assertThat(readOrg.getValuesMap()).isEmpty();
        assertThat(readOrg.getVersion()).isEqualTo(3);
        assertThat(u.getReadSet().getGroupsOrThrow("Application").getGroupsMap()).doesNotContainKey("Org1");
        assertThat(u.getWriteSet().getVersion()).isEqualTo(7);
        assertThat(u.getWriteSet().getValuesMap()).isEmpty();
    }

    @Test
    void addedMemberRewritesTheGroupWithUnchangedMembersAtTheirVersions() {
        ConfigUpdate u = ConfigUpdates.compute(channel(app(org("a"))), channel(app(org("a"), org("b"))));
        ConfigGroup writeApp = u.getWriteSet().getGroupsOrThrow("Application");
        assertThat(writeApp.getVersion()).isEqualTo(5);
        assertThat(writeApp.getModPolicy()).isEqualTo("Admins");
        assertThat(writeApp.getGroupsOrThrow("Org1")).isEqualTo(ConfigGroup.newBuilder().setVersion(3).build());
        ConfigGroup added = writeApp.getGroupsOrThrow("Org2");
        assertThat(added.getVersion()).isZero();
        assertThat(added.getModPolicy()).isEqualTo("Admins");
        assertThat(added.getValuesOrThrow("MSP").getVersion()).isZero();
        assertThat(u.getReadSet().getGroupsOrThrow("Application").getGroupsOrThrow("Org1").getVersion()).isEqualTo(3);
        assertThat(u.getReadSet().getGroupsOrThrow("Application").getVersion()).isEqualTo(4);
    }

    @Test
    void modPolicyChangeRewritesTheGroup() {
        ConfigGroup changed = app(org("a")).toBuilder().setModPolicy("Writers").build();
        ConfigUpdate u = ConfigUpdates.compute(channel(app(org("a"))), channel(changed));
        assertThat(u.getWriteSet().getGroupsOrThrow("Application").getModPolicy()).isEqualTo("Writers");
        assertThat(u.getWriteSet().getGroupsOrThrow("Application").getVersion()).isEqualTo(5);
    }

    @Test
    void identicalConfigsAndMissingGroupsAreErrors() {
        assertThatThrownBy(() -> ConfigUpdates.compute(channel(app(org("a"))), channel(app(org("a")))))
                .hasMessage("no differences detected between original and updated config");
        assertThatThrownBy(() -> ConfigUpdates.compute(Config.getDefaultInstance(), channel(app())))
                .hasMessage("no channel group included for original config");
        assertThatThrownBy(() -> ConfigUpdates.compute(channel(app()), Config.getDefaultInstance()))
                .hasMessage("no channel group included for updated config");
    }
}
