package io.weft.tools.cryptogen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An organization with its templates applied (cryptogen's {@code renderOrgSpec}): the CA's common
 * name and every node's common name and TLS SANs. Explicit specs come first, then templated nodes.
 */
record OrgPlan(OrgSpec spec, NodeSpec ca, String caCommonName, List<Node> nodes) {

    static final String DEFAULT_HOSTNAME_TEMPLATE = "{{.Prefix}}{{.Index}}";
    static final String DEFAULT_CN_TEMPLATE = "{{.Hostname}}.{{.Domain}}";

    /** A node or user to make a local MSP for; {@code sans} are the TLS certificate's names. */
    record Node(String commonName, List<String> sans) {
        Node {
            sans = List.copyOf(sans);
        }
    }

    /**
     * Renders an organization.
     *
     * @param prefix {@code peer} or {@code orderer}: the {@code {{.Prefix}}} of host name templates
     */
    static OrgPlan render(OrgSpec org, String prefix) throws CryptogenException {
        List<NodeSpec> specs = new ArrayList<>(org.specs());
        NodeTemplate t = org.template();
        for (int i = 0; i < t.count(); i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("Prefix", prefix);
            data.put("Index", i + t.start());
            data.put("Domain", org.domain());
            String hostname = GoTemplate.render(orDefault(t.hostname(), DEFAULT_HOSTNAME_TEMPLATE), data,
                    "main.HostnameData");
            specs.add(NodeSpec.host(hostname, t.sans()));
        }
        List<Node> nodes = new ArrayList<>();
        for (NodeSpec s : specs) {
            nodes.add(node(org.domain(), s));
        }
        NodeSpec ca = org.ca().hostname().isEmpty()
                ? new NodeSpec("ca", org.ca().commonName(), org.ca().country(), org.ca().province(),
                        org.ca().locality(), org.ca().organizationalUnit(), org.ca().streetAddress(),
                        org.ca().postalCode(), org.ca().sans())
                : org.ca();
        return new OrgPlan(org, ca, node(org.domain(), ca).commonName(), List.copyOf(nodes));
    }

    private static Node node(String domain, NodeSpec spec) throws CryptogenException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Hostname", spec.hostname());
        data.put("Domain", domain);
        data.put("CommonName", "");
        String cn = GoTemplate.render(orDefault(spec.commonName(), DEFAULT_CN_TEMPLATE), data, "main.SpecData");
        data.put("CommonName", cn);
        List<String> sans = new ArrayList<>(List.of(cn, spec.hostname()));
        for (String san : spec.sans()) {
            sans.add(GoTemplate.render(san, data, "main.SpecData"));
        }
        return new Node(cn, sans);
    }

    private static String orDefault(String s, String def) {
        return s.isEmpty() ? def : s;
    }
}
