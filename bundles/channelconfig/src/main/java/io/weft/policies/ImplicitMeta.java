package io.weft.policies;

import java.util.List;

import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;

import io.weft.msp.Identity;
import io.weft.msp.IdentityDeserializer;
import io.weft.protoutil.SignedData;

/**
 * Fabric's implicit meta policy: ANY, ALL or MAJORITY of the same-named policy of each sub-group. A sub-group
 * lacking that policy counts but can never be satisfied; with no sub-groups the threshold is 0 (always met).
 */
public final class ImplicitMeta implements Policy {

    private final String subPolicyName;
    private final ImplicitMetaPolicy.Rule rule;
    private final List<Policy> subPolicies;
    private final int threshold;
    private final IdentityDeserializer deserializer;

    ImplicitMeta(ImplicitMetaPolicy definition, List<Policy> subPolicies, IdentityDeserializer deserializer) {
        this.deserializer = deserializer;
        this.subPolicyName = definition.getSubPolicy();
        this.rule = definition.getRule();
        this.subPolicies = List.copyOf(subPolicies);
        int n = subPolicies.size();
        this.threshold = n == 0 ? 0 : switch (definition.getRuleValue()) {
            case ImplicitMetaPolicy.Rule.ANY_VALUE -> 1;
            case ImplicitMetaPolicy.Rule.ALL_VALUE -> n;
            case ImplicitMetaPolicy.Rule.MAJORITY_VALUE -> n / 2 + 1;
            default -> 0; // Go leaves an unknown rule's threshold at its zero value
        };
    }

    public String subPolicyName() {
        return subPolicyName;
    }

    public ImplicitMetaPolicy.Rule rule() {
        return rule;
    }

    public int threshold() {
        return threshold;
    }

    /**
     * Verifies the signature set once and evaluates the sub-policies over the resulting identities. Fabric
     * re-verifies per sub-policy; the outcome is the same because every policy of a channel uses the
     * channel's deserializer.
     */
    @Override
    public void evaluateSignedData(List<SignedData> signedData) throws PolicyException {
        evaluateIdentities(SignatureSets.validIdentities(signedData, deserializer));
    }

    @Override
    public void evaluateIdentities(List<Identity> identities) throws PolicyException {
        int remaining = threshold;
        for (Policy p : subPolicies) {
            if (remaining == 0) {
                return;
            }
            try {
                p.evaluateIdentities(identities);
                remaining--;
            } catch (PolicyException e) {
                // as above
            }
        }
        check(remaining);
    }

    private void check(int remaining) throws PolicyException {
        if (remaining > 0) {
            throw new PolicyException("implicit policy evaluation failed - " + (threshold - remaining)
                    + " sub-policies were satisfied, but this policy requires " + threshold + " of the '"
                    + subPolicyName + "' sub-policies to be satisfied");
        }
    }
}
