package io.weft.channelconfig;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code Application} group of a channel.
 *
 * @param orgs the application organisations by group name
 * @param capabilities the application capabilities
 * @param aclPolicyRefs the {@code ACLs} value: resource to absolute policy path (relative references are
 *     resolved under {@code /Channel/Application/}, empty references dropped, as Fabric does)
 */
public record ApplicationConfig(Map<String, ApplicationOrg> orgs, Capabilities capabilities,
        Map<String, String> aclPolicyRefs) {

    public ApplicationConfig {
        orgs = Map.copyOf(orgs);
        Objects.requireNonNull(capabilities, "capabilities");
        aclPolicyRefs = Map.copyOf(aclPolicyRefs);
    }

    /** The organisations' MSP IDs, ordered by organisation (group) name. */
    public List<String> mspIds() {
        return orgs.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getValue().mspId()).toList();
    }

    /** The policy the ACLs value names for a resource (Fabric's {@code PolicyRefForAPI}). */
    public Optional<String> policyRefForApi(String resource) {
        return Optional.ofNullable(aclPolicyRefs.get(resource));
    }
}
