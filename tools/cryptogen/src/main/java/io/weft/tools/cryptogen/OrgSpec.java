package io.weft.tools.cryptogen;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code OrdererOrgs} or {@code PeerOrgs}.
 *
 * @param name the organization's name (informational, as in cryptogen)
 * @param domain the domain: names the organization's folder and is the certificates' O
 * @param enableNodeOUs write {@code config.yaml} with NodeOUs and put role OUs in the signing certificates
 * @param ca the CA's subject (hostname defaults to {@code ca})
 * @param template templated nodes
 * @param specs explicitly named nodes
 * @param userCount users in addition to Admin ({@code Users.Count})
 */
public record OrgSpec(String name, String domain, boolean enableNodeOUs, NodeSpec ca, NodeTemplate template,
        List<NodeSpec> specs, int userCount) {

    public OrgSpec {
        name = NodeSpec.nullToEmpty(name);
        domain = NodeSpec.nullToEmpty(domain);
        ca = ca == null ? NodeSpec.empty() : ca;
        template = template == null ? NodeTemplate.none() : template;
        specs = specs == null ? List.of() : List.copyOf(specs);
    }

    /** An organization of {@code nodes} templated nodes and {@code users} users besides Admin. */
    public static OrgSpec of(String name, String domain, boolean enableNodeOUs, int nodes, int users) {
        Objects.requireNonNull(domain, "domain");
        return new OrgSpec(name, domain, enableNodeOUs, NodeSpec.empty(), NodeTemplate.count(nodes), List.of(), users);
    }
}
