package io.weft.tools.cryptogen;

import io.weft.testing.FabricVectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** crypto-config.yaml reading and the template rendering of host names, CNs and SANs. */
class ConfigTest {

    @Test
    void readsTheVectorsConfiguration() throws Exception {
        CryptoConfig c = CryptoConfig.load(FabricVectors.cryptoConfigYaml());
        assertThat(c.ordererOrgs()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("Orderer");
            assertThat(o.domain()).isEqualTo("example.com");
            assertThat(o.enableNodeOUs()).isTrue();
            assertThat(o.specs()).containsExactly(NodeSpec.host("orderer", List.of("localhost", "127.0.0.1")));
        });
        assertThat(c.peerOrgs()).extracting(OrgSpec::domain).containsExactly("org1.example.com", "org2.example.com");
        OrgSpec org1 = c.peerOrgs().get(0);
        assertThat(org1.template()).isEqualTo(new NodeTemplate(2, 0, "", List.of("localhost", "127.0.0.1")));
        assertThat(org1.userCount()).isEqualTo(1);
        assertThat(org1.ca()).isEqualTo(NodeSpec.empty());
    }

    @Test
    void rendersTemplatedNodesAfterSpecs() throws Exception {
        OrgSpec org = CryptoConfig.parse("""
                PeerOrgs:
                  - Name: Org1
                    Domain: org1.example.com
                    Specs:
                      - Hostname: foo
                        CommonName: "{{.Hostname}}27.{{.Domain}}"
                        SANS: ["{{.CommonName}}.alt", "{{ .Hostname }}.org6.net", 172.16.10.31]
                    Template:
                      Count: 2
                      Start: 5
                      Hostname: "node{{.Index}}-{{.Prefix}}"
                      SANS: ["{{.Hostname}}.alt.{{.Domain}}"]
                    CA:
                      Hostname: myca
                    Users:
                      Count: 3
                """).peerOrgs().get(0);
        OrgPlan plan = OrgPlan.render(org, "peer");
        assertThat(plan.nodes()).containsExactly(
                new OrgPlan.Node("foo27.org1.example.com",
                        List.of("foo27.org1.example.com", "foo", "foo27.org1.example.com.alt", "foo.org6.net", "172.16.10.31")),
                new OrgPlan.Node("node5-peer.org1.example.com",
                        List.of("node5-peer.org1.example.com", "node5-peer", "node5-peer.alt.org1.example.com")),
                new OrgPlan.Node("node6-peer.org1.example.com",
                        List.of("node6-peer.org1.example.com", "node6-peer", "node6-peer.alt.org1.example.com")));
        assertThat(plan.caCommonName()).isEqualTo("myca.org1.example.com");
    }

    @Test
    void defaultsAsCryptogen() throws Exception {
        OrgPlan plan = OrgPlan.render(OrgSpec.of("Org9", "org9.net", false, 1, 0), "orderer");
        assertThat(plan.nodes()).containsExactly(new OrgPlan.Node("orderer0.org9.net", List.of("orderer0.org9.net", "orderer0")));
        assertThat(plan.caCommonName()).isEqualTo("ca.org9.net");
        // the CN template sees an empty CommonName, as Go's does
        OrgSpec self = new OrgSpec("x", "d.com", false, null, null,
                List.of(new NodeSpec("h", "[{{.CommonName}}]", "", "", "", "", "", "", null)), 0);
        assertThat(OrgPlan.render(self, "peer").nodes().get(0).commonName()).isEqualTo("[]");
    }

    @Test
    void unknownTemplateFieldIsGosExecutionError() {
        OrgSpec org = new OrgSpec("x", "d.com", false, null, null, List.of(NodeSpec.host("h", List.of("a-{{.Prefix}}"))), 0);
        assertThatThrownBy(() -> OrgPlan.render(org, "peer")).isInstanceOf(CryptogenException.class)
                .hasMessage("Error executing template: template: parse:1:4: executing \"parse\" at <.Prefix>: "
                        + "can't evaluate field Prefix in type main.SpecData");
        OrgSpec host = new OrgSpec("x", "d.com", false, null, new NodeTemplate(1, 0, "{{.Hostname}}", null), null, 0);
        assertThatThrownBy(() -> OrgPlan.render(host, "peer"))
                .hasMessageContaining("can't evaluate field Hostname in type main.HostnameData");
    }

    @Test
    void malformedTemplatesAreParseErrors() {
        assertThatThrownBy(() -> GoTemplate.render("x\n{{.Hostname", java.util.Map.of("Hostname", "h"), "main.SpecData"))
                .hasMessage("Error parsing template: template: parse:2: unclosed action");
        assertThatThrownBy(() -> GoTemplate.render("{{printf \"%d\" 1}}", java.util.Map.of(), "main.SpecData"))
                .hasMessageStartingWith("Error parsing template: template: parse:1: unsupported action {{printf");
    }

    @Test
    void trimMarkersAsGo() throws Exception {
        assertThat(GoTemplate.render("a  {{- .X -}}  b", java.util.Map.of("X", 1), "T")).isEqualTo("a1b");
    }

    @Test
    void typeMismatchNamesLineAndGoType() {
        assertThatThrownBy(() -> CryptoConfig.parse("""
                PeerOrgs:
                  - Name: Org1
                    Template:
                      Count: many
                    EnableNodeOUs: perhaps
                """)).isInstanceOf(CryptogenException.class)
                .hasMessage("Error Unmarshalling YAML: yaml: unmarshal errors: line 4: cannot unmarshal !!str `many` "
                        + "into int; line 5: cannot unmarshal !!str `perhaps` into bool");
        assertThatThrownBy(() -> CryptoConfig.parse("PeerOrgs: nope")).hasMessage(
                "Error Unmarshalling YAML: yaml: unmarshal errors: line 1: cannot unmarshal !!str `nope` into []main.OrgSpec");
    }

    @Test
    void syntaxErrorNamesTheLine() {
        assertThatThrownBy(() -> CryptoConfig.parse("PeerOrgs:\n  - Name: a\n   Domain: b: c\n"))
                .isInstanceOf(CryptogenException.class).hasMessageStartingWith("Error Unmarshalling YAML: yaml: line 3: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unknownKeysAreIgnoredAndEmptyIsEmpty() throws Exception {
        CryptoConfig c = CryptoConfig.parse("Foo: 1\nPeerOrgs:\n  - Domain: a.com\n    PublicKeyAlgorithm: ecdsa\n");
        assertThat(c.peerOrgs()).singleElement().extracting(OrgSpec::domain).isEqualTo("a.com");
        assertThat(CryptoConfig.parse("")).isEqualTo(new CryptoConfig(List.of(), List.of()));
        assertThat(CryptoConfig.parse("# nothing\n")).isEqualTo(new CryptoConfig(List.of(), List.of()));
    }

    @Test
    void defaultTemplateHasCryptogensOrganizations() {
        CryptoConfig c = CryptoConfig.defaultConfig();
        assertThat(c.ordererOrgs()).singleElement().satisfies(o -> {
            assertThat(o.domain()).isEqualTo("example.com");
            assertThat(o.specs()).containsExactly(NodeSpec.host("orderer"));
        });
        assertThat(c.peerOrgs()).extracting(OrgSpec::domain, OrgSpec::enableNodeOUs, o -> o.template().count(), OrgSpec::userCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("org1.example.com", false, 1, 1),
                        org.assertj.core.groups.Tuple.tuple("org2.example.com", false, 1, 1));
    }

    @Test
    void ipSansFollowGoParseIp() {
        assertThat(IpAddresses.parse("127.0.0.1")).hasValueSatisfying(b -> assertThat(b).containsExactly(127, 0, 0, 1));
        assertThat(IpAddresses.parse("::1")).hasValueSatisfying(b -> assertThat(b).hasSize(16));
        assertThat(IpAddresses.parse("2001:db8::7")).isPresent();
        assertThat(IpAddresses.parse("::ffff:10.1.2.3")).hasValueSatisfying(b -> assertThat(b).containsExactly(10, 1, 2, 3));
        assertThat(IpAddresses.parse("010.0.0.1")).isEmpty();
        assertThat(IpAddresses.parse("256.0.0.1")).isEmpty();
        assertThat(IpAddresses.parse("localhost")).isEmpty();
        assertThat(IpAddresses.parse("1.2.3")).isEmpty();
        assertThat(IpAddresses.parse("[::1]")).isEmpty();
        assertThat(IpAddresses.parse("fe80::1%eth0")).isEmpty();
        assertThat(IpAddresses.parse("abc:xyz")).isEmpty();
    }

    @Test
    void yamlBooleansAsGo() throws Exception {
        assertThat(CryptoConfig.parse("PeerOrgs:\n  - EnableNodeOUs: y\n  - EnableNodeOUs: yes\n  - EnableNodeOUs: n\n")
                .peerOrgs()).extracting(OrgSpec::enableNodeOUs).containsExactly(true, true, false);
        assertThatThrownBy(() -> CryptoConfig.parse("PeerOrgs:\n  - EnableNodeOUs: \"y\"\n"))
                .hasMessageContaining("cannot unmarshal !!str `y` into bool");
    }
}
