package io.weft.scc.lscc;

import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.channel.ChannelView;
import io.weft.lifecycle.SignaturePolicies;
import io.weft.lifecycle.legacy.LegacyChaincodeData;
import io.weft.lifecycle.legacy.LegacyPackageException;

/**
 * lscc's check of the collections a deploy or upgrade declares (Fabric's {@code checkCollectionMemberPolicy}): each
 * is a static collection whose member policy is a signature policy over supported principals that compiles. Members
 * that are not in the channel are only logged, as in Fabric: the channel may change after endorsement.
 */
final class CollectionChecks {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionChecks.class);

    void check(LegacyChaincodeData cd, ByteString collections, ChannelView channel) throws LegacyPackageException {
        CollectionConfigPackage configs;
        try {
            configs = CollectionConfigPackage.parseFrom(collections);
        } catch (InvalidProtocolBufferException e) {
            throw new LegacyPackageException("invalid collection configuration supplied for chaincode " + cd.name()
                    + ":" + cd.version(), e);
        }
        for (CollectionConfig config : configs.getConfigList()) {
            try {
                checkMemberPolicy(config, channel);
            } catch (LegacyPackageException e) {
                throw new LegacyPackageException("collection member policy check failed: " + e.getMessage(), e);
            }
        }
    }

    private static void checkMemberPolicy(CollectionConfig config, ChannelView channel) throws LegacyPackageException {
        if (!config.hasStaticCollectionConfig()) {
            throw new LegacyPackageException("collection configuration is empty");
        }
        StaticCollectionConfig coll = config.getStaticCollectionConfig();
        if (!coll.hasMemberOrgsPolicy()) {
            throw new LegacyPackageException("collection member policy is not set");
        }
        if (!coll.getMemberOrgsPolicy().hasSignaturePolicy()) {
            throw new LegacyPackageException("collection member org policy is empty");
        }
        SignaturePolicyEnvelope policy = coll.getMemberOrgsPolicy().getSignaturePolicy();
        List<String> mspIds = channel.applicationMspIds().orElse(List.of());
        for (MSPPrincipal principal : policy.getIdentitiesList()) {
            String orgId;
            boolean member;
            try {
                switch (principal.getPrincipalClassification()) {
                    case ROLE -> {
                        orgId = MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier();
                        member = mspIds.contains(orgId);
                    }
                    case ORGANIZATION_UNIT -> {
                        orgId = OrganizationUnit.parseFrom(principal.getPrincipal()).getMspIdentifier();
                        member = mspIds.contains(orgId);
                    }
                    case IDENTITY -> {
                        orgId = "identity principal";
                        member = channel.isChannelIdentity(principal.getPrincipal());
                    }
                    default -> throw new LegacyPackageException("collection-name: " + coll.getName()
                            + " -- principal type " + principal.getPrincipalClassification() + " is not supported");
                }
            } catch (InvalidProtocolBufferException e) {
                throw new LegacyPackageException("collection-name: " + coll.getName() + " -- cannot unmarshal "
                        + "identities: " + LsccText.PROTO_PARSE_ERROR, e);
            }
            if (!member) {
                LOG.warn("collection-name: {} collection member {} is not part of the channel", coll.getName(), orgId);
            }
        }
        Optional<String> invalid = policy.hasRule()
                ? SignaturePolicies.ruleError(policy.getRule(), policy.getIdentitiesCount())
                : Optional.of("Empty policy element");
        if (invalid.isPresent()) {
            throw new LegacyPackageException("invalid member org policy for collection '" + coll.getName() + "': "
                    + invalid.get());
        }
    }
}
