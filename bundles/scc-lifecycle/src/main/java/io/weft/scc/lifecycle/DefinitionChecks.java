package io.weft.scc.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.channel.ChannelView;
import io.weft.lifecycle.SignaturePolicies;

/**
 * Fabric's checks of a definition an org approves or commits ({@code validateInput}): chaincode name and version,
 * system chaincode names, and the collection configs (names, duplicates, peer counts, member-org policies that only
 * OR members of the channel's orgs, and no committed collection removed or its block-to-live changed).
 */
final class DefinitionChecks {

    static final Pattern CHAINCODE_NAME = Pattern.compile("^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$");
    static final Pattern CHAINCODE_VERSION = Pattern.compile("^[A-Za-z0-9_.+-]+$");
    static final Pattern COLLECTION_NAME = Pattern.compile("^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$");
    static final Set<String> SYSTEM_CHAINCODES = Set.of("cscc", "escc", "lscc", "qscc", "vscc");

    private DefinitionChecks() {
    }

    static void validate(String name, String version, CollectionConfigPackage collections, ChannelView channel,
            Optional<CollectionConfigPackage> committed) throws LifecycleException {
        try {
            check(name, version, collections, channel, committed);
        } catch (LifecycleException e) {
            throw e.wrap("error validating chaincode definition");
        }
    }

    private static void check(String name, String version, CollectionConfigPackage collections, ChannelView channel,
            Optional<CollectionConfigPackage> committed) throws LifecycleException {
        if (!CHAINCODE_NAME.matcher(name).matches()) {
            throw new LifecycleException("invalid chaincode name '" + name
                    + "'. Names can only consist of alphanumerics, '_', and '-' and can only begin with alphanumerics");
        }
        if (SYSTEM_CHAINCODES.contains(name)) {
            throw new LifecycleException("chaincode name '" + name + "' is the name of a system chaincode");
        }
        if (!CHAINCODE_VERSION.matcher(version).matches()) {
            throw new LifecycleException("invalid chaincode version '" + version
                    + "'. Versions can only consist of alphanumerics, '_', '-', '+', and '.'");
        }
        List<StaticCollectionConfig> configs = staticConfigs(collections);
        validateCollections(configs, channel);
        if (committed.isPresent()) {
            validateAgainstCommitted(configs, committed.get());
        }
    }

    private static List<StaticCollectionConfig> staticConfigs(CollectionConfigPackage pkg) throws LifecycleException {
        List<StaticCollectionConfig> out = new ArrayList<>();
        for (CollectionConfig c : pkg.getConfigList()) {
            if (!c.hasStaticCollectionConfig()) {
                throw new LifecycleException("collection configuration is empty");
            }
            out.add(c.getStaticCollectionConfig());
        }
        return out;
    }

    private static void validateCollections(List<StaticCollectionConfig> configs, ChannelView channel)
            throws LifecycleException {
        Set<String> names = new HashSet<>();
        List<String> orgs = channel.applicationMspIds().orElse(List.of());
        for (StaticCollectionConfig c : configs) {
            if (!COLLECTION_NAME.matcher(c.getName()).matches()) {
                throw new LifecycleException("invalid collection name '" + c.getName()
                        + "'. Names can only consist of alphanumerics, '_', and '-' and cannot begin with '_'");
            }
            if (!names.add(c.getName())) {
                throw new LifecycleException("collection-name: " + c.getName()
                        + " -- found duplicate in collection configuration");
            }
            if (c.getMaximumPeerCount() < c.getRequiredPeerCount()) {
                throw new LifecycleException("collection-name: " + c.getName() + " -- maximum peer count ("
                        + c.getMaximumPeerCount() + ") cannot be less than the required peer count ("
                        + c.getRequiredPeerCount() + ")");
            }
            if (c.getRequiredPeerCount() < 0) {
                throw new LifecycleException("collection-name: " + c.getName() + " -- requiredPeerCount ("
                        + c.getRequiredPeerCount() + ") cannot be less than zero");
            }
            validateMemberOrgsPolicy(c, orgs, channel);
        }
    }

    private static void validateMemberOrgsPolicy(StaticCollectionConfig c, List<String> orgs, ChannelView channel)
            throws LifecycleException {
        if (!c.hasMemberOrgsPolicy()) {
            throw new LifecycleException("collection member policy is not set for collection '" + c.getName() + "'");
        }
        if (!c.getMemberOrgsPolicy().hasSignaturePolicy()) {
            throw new LifecycleException("collection member org policy is empty for collection '" + c.getName() + "'");
        }
        SignaturePolicyEnvelope envelope = c.getMemberOrgsPolicy().getSignaturePolicy();
        Optional<String> invalid = SignaturePolicies.compileError(envelope);
        if (invalid.isPresent()) {
            throw new LifecycleException("invalid member org policy for collection '" + c.getName() + "': "
                    + invalid.get());
        }
        Optional<String> notOr = SignaturePolicies.orConcatenationError(envelope.getRule());
        if (notOr.isPresent()) {
            throw new LifecycleException("collection-name: " + c.getName() + " -- error in member org policy: "
                    + notOr.get());
        }
        for (MSPPrincipal principal : envelope.getIdentitiesList()) {
            String orgId;
            try {
                switch (principal.getPrincipalClassification()) {
                    case ROLE -> orgId = MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier();
                    case ORGANIZATION_UNIT ->
                        orgId = OrganizationUnit.parseFrom(principal.getPrincipal()).getMspIdentifier();
                    case IDENTITY -> {
                        if (!channel.isChannelIdentity(principal.getPrincipal())) {
                            throw new LifecycleException("collection-name: " + c.getName()
                                    + " -- contains an identity that is not part of the channel");
                        }
                        continue;
                    }
                    default -> throw new LifecycleException("collection-name: " + c.getName() + " -- principal type "
                            + principal.getPrincipalClassification() + " is not supported");
                }
            } catch (InvalidProtocolBufferException e) {
                throw new LifecycleException("collection-name: " + c.getName() + " -- cannot unmarshal identity bytes into "
                        + (principal.getPrincipalClassification() == MSPPrincipal.Classification.ROLE ? "MSPRole"
                                : "OrganizationUnit") + ": " + Serializer.PROTO_PARSE_ERROR, e);
            }
            if (!orgs.contains(orgId)) {
                throw new LifecycleException("collection-name: " + c.getName() + " -- collection member '" + orgId
                        + "' is not part of the channel");
            }
        }
    }

    private static void validateAgainstCommitted(List<StaticCollectionConfig> proposed,
            CollectionConfigPackage committed) throws LifecycleException {
        if (committed.getConfigCount() == 0) {
            return;
        }
        if (proposed.isEmpty()) {
            throw new LifecycleException("the proposed collection config does not contain previously defined collections");
        }
        Map<String, StaticCollectionConfig> byName = new HashMap<>();
        proposed.forEach(c -> byName.put(c.getName(), c));
        for (CollectionConfig c : committed.getConfigList()) {
            if (!c.hasStaticCollectionConfig()) {
                throw new LifecycleException("unknown collection configuration type");
            }
            StaticCollectionConfig existing = c.getStaticCollectionConfig();
            StaticCollectionConfig next = byName.get(existing.getName());
            if (next == null) {
                throw new LifecycleException("existing collection [" + existing.getName()
                        + "] missing in the proposed collection configuration");
            }
            if (next.getBlockToLive() != existing.getBlockToLive()) {
                throw new LifecycleException("the BlockToLive in an existing collection [" + existing.getName()
                        + "] modified. Existing value [" + existing.getBlockToLive() + "]");
            }
        }
    }
}
