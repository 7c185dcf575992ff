package io.weft.core.committer;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.identity.SigningIdentity;
import io.weft.msp.IdentityDeserializer;
import io.weft.msp.MspException;
import io.weft.policies.CompiledSignaturePolicy;
import io.weft.policies.PolicyException;
import io.weft.protoutil.Envelopes;
import io.weft.protoutil.SignedData;

/**
 * Whether this peer is a member of a collection, so that it keeps the collection's private data (Fabric's
 * eligibility check in the private data coordinator): its MSP is one of the orgs the member-orgs policy names, or
 * else the peer's own signature, made once at start, satisfies that policy. Thread-safe.
 */
public final class CollectionMembership {

    private final String mspId;
    private final SignedData selfSigned;

    private CollectionMembership(String mspId, SignedData selfSigned) {
        this.mspId = mspId;
        this.selfSigned = selfSigned;
    }

    /** The membership of the peer whose identity is {@code peer}: it signs a random nonce once, here. */
    public static CollectionMembership of(SigningIdentity peer) {
        Objects.requireNonNull(peer, "peer");
        ByteString nonce = Envelopes.nonce();
        return new CollectionMembership(peer.mspId(),
                new SignedData(nonce, peer.serialize(), ByteString.copyFrom(peer.sign(nonce.toByteArray()))));
    }

    /** The peer's MSP ID. */
    public String mspId() {
        return mspId;
    }

    /**
     * Whether the peer is a member of {@code collection} under the channel's MSPs.
     *
     * @throws PolicyException when the collection has no member-orgs signature policy or it does not compile
     */
    boolean isMember(StaticCollectionConfig collection, IdentityDeserializer deserializer) throws PolicyException {
        if (!collection.getMemberOrgsPolicy().hasSignaturePolicy()) {
            throw new PolicyException("collection config access policy is nil");
        }
        SignaturePolicyEnvelope policy = collection.getMemberOrgsPolicy().getSignaturePolicy();
        if (memberOrgs(policy, deserializer).contains(mspId)) {
            return true;
        }
        try {
            CompiledSignaturePolicy.compile(policy, deserializer).evaluateSignedData(List.of(selfSigned));
            return true;
        } catch (PolicyException e) {
            return false;
        }
    }

    /** The MSP IDs the policy's principals name; principals that do not decode are left out, as in Fabric. */
    private static Set<String> memberOrgs(SignaturePolicyEnvelope policy, IdentityDeserializer deserializer) {
        Set<String> orgs = new HashSet<>();
        for (MSPPrincipal p : policy.getIdentitiesList()) {
            try {
                switch (p.getPrincipalClassification()) {
                    case ROLE -> orgs.add(MSPRole.parseFrom(p.getPrincipal()).getMspIdentifier());
                    case ORGANIZATION_UNIT -> orgs.add(OrganizationUnit.parseFrom(p.getPrincipal()).getMspIdentifier());
                    case IDENTITY -> orgs.add(deserializer.deserializeIdentity(p.getPrincipal()).mspId());
                    default -> {
                        // anonymity and combined principals name no org
                    }
                }
            } catch (InvalidProtocolBufferException | MspException e) {
                // skipped
            }
        }
        return orgs;
    }
}
