package io.weft.tools.configtxgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.weft.testing.FabricVectors;
import io.weft.tools.configtxgen.Configtx.Application;
import io.weft.tools.configtxgen.Configtx.Policy;

import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Test;

class ChannelGroupsTest {

    private static Map<String, Policy> basic() {
        Map<String, Policy> p = new LinkedHashMap<>();
        p.put("Writers", new Policy("ImplicitMeta", "ANY Writers"));
        p.put("Readers", new Policy("ImplicitMeta", "ANY Readers"));
        p.put("Admins", new Policy("Signature", "OR('Org1MSP.admin')"));
        return p;
    }

    @Test
    void policiesAreEncodedByType() throws Exception {
        ConfigGroup g = ChannelGroups.application(new Application(List.of(), Map.of("V2_0", true), basic(),
                Map.of()));
        assertThat(g.getPoliciesMap().keySet()).containsExactly("Admins", "Readers", "Writers");
        assertThat(ImplicitMetaPolicy.parseFrom(g.getPoliciesOrThrow("Readers").getPolicy().getValue()))
                .isEqualTo(ImplicitMetaPolicy.newBuilder().setRule(ImplicitMetaPolicy.Rule.ANY)
                        .setSubPolicy("Readers").build());
        SignaturePolicyEnvelope sp = SignaturePolicyEnvelope.parseFrom(
                g.getPoliciesOrThrow("Admins").getPolicy().getValue());
        assertThat(sp.getIdentitiesCount()).isEqualTo(1);
        assertThat(g.getValuesMap()).containsOnlyKeys("Capabilities");
        assertThat(g.getModPolicy()).isEqualTo("Admins");
    }

    @Test
    void missingAndMalformedPoliciesAreFabricsErrors() {
        Map<String, Policy> noWriters = basic();
        noWriters.remove("Writers");
        assertThatThrownBy(() -> ChannelGroups.application(new Application(List.of(), Map.of(), noWriters, Map.of())))
                .hasMessage("error adding policies to application group: no Writers policy defined");
        Map<String, Policy> bad = basic();
        bad.put("Readers", new Policy("ImplicitMeta", "SOME Readers"));
        assertThatThrownBy(() -> ChannelGroups.application(new Application(List.of(), Map.of(), bad, Map.of())))
                .hasMessageContaining("invalid implicit meta policy rule 'SOME Readers': unknown rule type 'SOME', "
                        + "expected ALL, ANY, or MAJORITY");
        bad.put("Readers", new Policy("ImplicitMeta", "ANY"));
        assertThatThrownBy(() -> ChannelGroups.application(new Application(List.of(), Map.of(), bad, Map.of())))
                .hasMessageContaining("expected two space separated tokens, but got 1");
        bad.put("Readers", new Policy("Magic", "x"));
        assertThatThrownBy(() -> ChannelGroups.application(new Application(List.of(), Map.of(), bad, Map.of())))
                .hasMessageContaining("unknown policy type: Magic");
        bad.put("Readers", new Policy("Signature", "OR(nope"));
        assertThatThrownBy(() -> ChannelGroups.application(new Application(List.of(), Map.of(), bad, Map.of())))
                .hasMessageContaining("invalid signature policy rule 'OR(nope'");
    }

    @Test
    void orgWithoutMspFolderIsReported() {
        Configtx.Organization org = new Configtx.Organization("OrgX", "OrgXMSP",
                FabricVectors.root().resolve("no-such-msp"), "bccsp", basic(), List.of(), List.of(), false);
        assertThatThrownBy(() -> ChannelGroups.applicationOrg(org))
                .hasMessageStartingWith("1 - Error loading MSP configuration for org: OrgX: could not load a valid ca");
    }

    @Test
    void onlyRequiredCapabilitiesAreListed() {
        assertThat(ChannelGroups.capabilities(Map.of("V2_0", true, "V1_4_2", false)).getCapabilitiesMap())
                .containsOnlyKeys("V2_0");
    }
}
