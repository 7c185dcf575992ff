package io.weft.acl;

import java.util.List;
import java.util.Objects;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;

import io.weft.channelconfig.ChannelConfig;
import io.weft.msp.Identity;
import io.weft.msp.Msp;
import io.weft.msp.MspException;
import io.weft.policies.Policy;
import io.weft.policies.PolicyException;
import io.weft.protoutil.SignedData;

/**
 * Fabric's ACL provider ({@code aclmgmt}): peer-level resources are checked against the local MSP; channel
 * resources against the policy the channel's {@code ACLs} value names, or else the default policy. Thread-safe.
 */
public final class AclProvider {

    private final Msp localMsp;

    /** @param localMsp the peer's local MSP, for peer-level resources */
    public AclProvider(Msp localMsp) {
        this.localMsp = Objects.requireNonNull(localMsp, "localMsp");
    }

    /**
     * Checks access to a resource on a channel.
     *
     * @param channel the channel's current config; may be {@code null} for peer-level resources only
     * @throws AclException e.g. {@code failed evaluating policy on signed data during check policy
     *     [/Channel/Application/Writers]: [...]} or {@code Unmapped policy for X}
     */
    public void checkAcl(String resource, ChannelConfig channel, List<SignedData> signedData) throws AclException {
        checkAcl(resource, channel, signedData, p -> p.evaluateSignedData(signedData));
    }

    /**
     * {@link #checkAcl(String, ChannelConfig, SignedData)} for a request whose signer the caller has already
     * deserialized with {@code channel}'s MSPs, validated, and whose signature over {@code signedData} it has verified
     * (the endorser's proposal checks): a channel policy is evaluated on that identity instead of verifying the same
     * signature a second time. The outcome is the one of the signed-data check. Peer-level resources, checked against
     * the local MSP, still take the signed data.
     */
    public void checkAcl(String resource, ChannelConfig channel, SignedData signedData, Identity verifiedSigner)
            throws AclException {
        Objects.requireNonNull(verifiedSigner, "verifiedSigner");
        checkAcl(resource, channel, List.of(signedData), p -> p.evaluateIdentities(List.of(verifiedSigner)));
    }

    /** How a channel policy is evaluated on the request's signers. */
    @FunctionalInterface
    private interface Evaluation {
        void evaluate(Policy policy) throws PolicyException;
    }

    private void checkAcl(String resource, ChannelConfig channel, List<SignedData> signedData, Evaluation evaluation)
            throws AclException {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(signedData, "signedData");
        if (!DefaultAcls.isPeerResource(resource) && channel != null) {
            String override = channel.application().flatMap(a -> a.policyRefForApi(resource)).orElse("");
            if (!override.isEmpty()) {
                try {
                    evaluate(channel, override, evaluation);
                } catch (PolicyException e) {
                    throw new AclException("failed evaluating policy on signed data during check policy [" + override
                            + "]: [" + e.getMessage() + "]", e);
                }
                return;
            }
        }
        checkDefault(resource, channel, signedData, evaluation);
    }

    /** {@link #checkAcl(String, ChannelConfig, List)} of one signed data item. */
    public void checkAcl(String resource, ChannelConfig channel, SignedData signedData) throws AclException {
        checkAcl(resource, channel, List.of(signedData));
    }

    /**
     * Checks a peer-level resource without a channel (Fabric's {@code CheckACLNoChannel}).
     *
     * @throws AclException {@code cannot override peer type policy for channeless ACL check} for channel resources
     */
    public void checkAclNoChannel(String resource, List<SignedData> signedData) throws AclException {
        if (!DefaultAcls.isPeerResource(resource)) {
            throw new AclException("cannot override peer type policy for channeless ACL check");
        }
        checkLocal(DefaultAcls.PEER.get(resource), signedData);
    }

    private void checkDefault(String resource, ChannelConfig channel, List<SignedData> signedData,
            Evaluation evaluation) throws AclException {
        String peerPolicy = DefaultAcls.PEER.get(resource);
        if (peerPolicy != null) {
            checkLocal(peerPolicy, signedData);
            return;
        }
        String policy = DefaultAcls.CHANNEL.getOrDefault(resource, "");
        if (policy.isEmpty()) {
            throw new AclException("Unmapped policy for " + resource);
        }
        if (channel == null) {
            throw new AclException("Invalid channel ID name during check policy on signed data. Name must be different from nil.");
        }
        String channelId = channel.channelId();
        if (signedData.isEmpty()) {
            throw new AclException("Invalid signed data during check policy on channel [" + channelId + "] with policy ["
                    + policy + "]");
        }
        try {
            evaluate(channel, policy, evaluation);
        } catch (PolicyException e) {
            throw new AclException("Failed evaluating policy on signed data during check policy on channel [" + channelId
                    + "] with policy [" + policy + "]: [" + e.getMessage() + "]", e);
        }
    }

    private static void evaluate(ChannelConfig channel, String policyName, Evaluation evaluation)
            throws PolicyException {
        Policy p = channel.policyManager().find(policyName)
                .orElseThrow(() -> new PolicyException("policy " + policyName + " not found", policyName));
        evaluation.evaluate(p);
    }

    /** Fabric's {@code CheckPolicyNoChannelBySignedData}: every signer must hold the role and have signed. */
    private void checkLocal(String policyName, List<SignedData> signedData) throws AclException {
        if (signedData.isEmpty()) {
            throw new AclException("no signed data during channelless check policy with policy [" + policyName + "]");
        }
        MSPRole.MSPRoleType role = DefaultAcls.ADMINS.equals(policyName) ? MSPRole.MSPRoleType.ADMIN
                : MSPRole.MSPRoleType.MEMBER;
        MSPPrincipal principal = MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier(localMsp.id()).setRole(role).build().toByteString())
                .build();
        for (SignedData sd : signedData) {
            Identity id;
            try {
                id = localMsp.deserializeIdentity(sd.identity());
            } catch (MspException e) {
                throw new AclException("failed deserializing signed data identity during channelless check policy with "
                        + "policy [" + policyName + "]: [" + e.getMessage() + "]", e);
            }
            try {
                id.satisfiesPrincipal(principal);
            } catch (MspException e) {
                throw new AclException("failed verifying that the signed data identity satisfies local MSP principal "
                        + "during channelless check policy with policy [" + policyName + "]: [" + e.getMessage() + "]", e);
            }
            try {
                id.verify(sd.data().toByteArray(), sd.signature().toByteArray());
            } catch (MspException e) {
                throw new AclException(e.getMessage(), e);
            }
        }
    }
}
