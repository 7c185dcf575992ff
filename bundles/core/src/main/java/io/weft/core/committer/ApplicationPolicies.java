package io.weft.core.committer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.Endorsement;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.handler.PolicyViolationException;
import io.weft.channelconfig.ApplicationConfig;
import io.weft.channelconfig.ApplicationOrg;
import io.weft.channelconfig.ChannelConfig;
import io.weft.lifecycle.SignaturePolicies;
import io.weft.policies.CompiledSignaturePolicy;
import io.weft.policies.Policy;
import io.weft.policies.PolicyException;
import io.weft.protoutil.Protos;
import io.weft.protoutil.SignedData;

/**
 * Evaluates endorsements against serialized {@code ApplicationPolicy}s under a channel's current config (Fabric's
 * {@code ApplicationPolicyEvaluator}), and derives the policies the lifecycle implies. Compiled policies are cached
 * by their bytes for as long as the config stays current; a config change starts a new cache. Thread-safe.
 */
final class ApplicationPolicies {

    static final String LIFECYCLE_ENDORSEMENT = "/Channel/Application/LifecycleEndorsement";
    private static final int MAX_CACHED = 4096;

    private record Compiled(ChannelConfig config, ConcurrentHashMap<ByteString, Policy> policies) {
    }

    private final ChannelResources channel;
    private volatile Compiled cache;

    ApplicationPolicies(ChannelResources channel) {
        this.channel = channel;
        this.cache = new Compiled(channel.config(), new ConcurrentHashMap<>());
    }

    /** Each endorsement signs {@code signedPayload ‖ endorser}; the policy counts each identity once. */
    void evaluate(ByteString applicationPolicy, ByteString signedPayload, List<Endorsement> endorsements)
            throws PolicyViolationException {
        List<SignedData> signatureSet = new ArrayList<>(endorsements.size());
        for (Endorsement e : endorsements) {
            signatureSet.add(new SignedData(signedPayload.concat(e.getEndorser()), e.getEndorser(), e.getSignature()));
        }
        try {
            policy(applicationPolicy).evaluateSignedData(signatureSet);
        } catch (PolicyException e) {
            throw new PolicyViolationException(e.getMessage());
        }
    }

    private Policy policy(ByteString bytes) throws PolicyViolationException {
        Compiled c = cache;
        ChannelConfig config = channel.config();
        if (c.config != config) {
            c = new Compiled(config, new ConcurrentHashMap<>());
            cache = c;
        }
        Policy cached = c.policies.get(bytes);
        if (cached != null) {
            return cached;
        }
        Policy compiled = compile(bytes, config);
        if (c.policies.size() >= MAX_CACHED) {
            c.policies.clear();
        }
        c.policies.put(bytes, compiled);
        return compiled;
    }

    private static Policy compile(ByteString bytes, ChannelConfig config) throws PolicyViolationException {
        ApplicationPolicy ap;
        try {
            ap = Protos.parseNested(ApplicationPolicy.parser(), bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new PolicyViolationException("failed to unmarshal ApplicationPolicy bytes: " + e.getMessage());
        }
        switch (ap.getTypeCase()) {
            case SIGNATURE_POLICY -> {
                try {
                    return CompiledSignaturePolicy.compile(ap.getSignaturePolicy(), config.deserializer());
                } catch (PolicyException e) {
                    throw new PolicyViolationException("could not create evaluator for signature policy: " + e.getMessage());
                }
            }
            case CHANNEL_CONFIG_POLICY_REFERENCE -> {
                String ref = ap.getChannelConfigPolicyReference();
                return config.policyManager().find(ref)
                        .orElseThrow(() -> new PolicyViolationException("failed to retrieve policy for reference " + ref));
            }
            default -> throw new PolicyViolationException("unsupported policy type " + ap.getTypeCase());
        }
    }

    /**
     * The policy writes to {@code _lifecycle} must satisfy: the channel's LifecycleEndorsement policy, or, for a
     * channel that does not define one, a majority of the application orgs' members.
     */
    ByteString lifecycleEndorsement() {
        ChannelConfig config = channel.config();
        if (config.policyManager().find(LIFECYCLE_ENDORSEMENT).isPresent()) {
            return ApplicationPolicy.newBuilder().setChannelConfigPolicyReference(LIFECYCLE_ENDORSEMENT).build()
                    .toByteString();
        }
        List<String> mspIds = config.application().map(ApplicationConfig::mspIds).orElse(List.of());
        return ApplicationPolicy.newBuilder().setSignaturePolicy(nOutOfMembers(mspIds.size() / 2 + 1, mspIds)).build()
                .toByteString();
    }

    /**
     * The endorsement policy of an org's implicit collection: the org's {@code Endorsement} policy when it defines
     * one, else any member of the org.
     *
     * @return empty when no application org has that MSP ID
     */
    Optional<ByteString> implicitCollectionEndorsement(String mspId) {
        ChannelConfig config = channel.config();
        Optional<String> orgName = config.application().flatMap(a -> a.orgs().values().stream()
                .filter(o -> o.mspId().equals(mspId)).map(ApplicationOrg::name).findFirst());
        if (orgName.isEmpty()) {
            return Optional.empty();
        }
        String ref = "/Channel/Application/" + orgName.get() + "/Endorsement";
        if (config.policyManager().find(ref).isPresent()) {
            return Optional.of(ApplicationPolicy.newBuilder().setChannelConfigPolicyReference(ref).build().toByteString());
        }
        return Optional.of(ApplicationPolicy.newBuilder().setSignaturePolicy(nOutOfMembers(1, List.of(mspId))).build()
                .toByteString());
    }

    private static SignaturePolicyEnvelope nOutOfMembers(int n, List<String> mspIds) {
        return SignaturePolicies.nOutOfRole(n, MSPRole.MSPRoleType.MEMBER, mspIds);
    }
}
