package io.weft.lifecycle;

import java.util.Optional;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * Fabric 2.0's implicit per-organization collections ({@code _implicit_org_<MSPID>}), which every chaincode defined
 * with {@code _lifecycle} (and {@code _lifecycle} itself) has, one per application organization.
 */
public final class ImplicitCollections {

    public static final String PREFIX = "_implicit_org_";

    private ImplicitCollections() {
    }

    public static String nameForOrg(String mspId) {
        return PREFIX + mspId;
    }

    /** The organization's MSP ID if {@code collection} is an implicit collection. */
    public static Optional<String> mspIdOf(String collection) {
        return collection.startsWith(PREFIX) ? Optional.of(collection.substring(PREFIX.length())) : Optional.empty();
    }

    /**
     * The organization's implicit collection as Fabric generates it: members are the org's members; the peer counts
     * are the local dissemination settings for the peer's own org and 0 for the others.
     */
    public static StaticCollectionConfig config(String mspId, int requiredPeerCount, int maximumPeerCount) {
        return StaticCollectionConfig.newBuilder().setName(nameForOrg(mspId))
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder().setSignaturePolicy(memberOf(mspId)))
                .setRequiredPeerCount(requiredPeerCount).setMaximumPeerCount(maximumPeerCount).build();
    }

    /** Fabric's {@code SignedByMspMember}: one signature of a member of {@code mspId}. */
    public static SignaturePolicyEnvelope memberOf(String mspId) {
        MSPPrincipal member = MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier(mspId).setRole(MSPRole.MSPRoleType.MEMBER)
                        .build().toByteString())
                .build();
        SignaturePolicy signedBy = SignaturePolicy.newBuilder().setSignedBy(0).build();
        return SignaturePolicyEnvelope.newBuilder().setVersion(0)
                .setRule(SignaturePolicy.newBuilder().setNOutOf(
                        SignaturePolicy.NOutOf.newBuilder().setN(1).addRules(signedBy)))
                .addIdentities(member).build();
    }
}
