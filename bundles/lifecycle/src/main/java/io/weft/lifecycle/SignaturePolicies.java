package io.weft.lifecycle;

import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * The signature policies both lifecycles build by default (Fabric's {@code policydsl} role helpers) and the semantic
 * checks of Fabric's signature policy compilation, for definitions that carry a policy without evaluating it.
 */
public final class SignaturePolicies {

    private SignaturePolicies() {
    }

    /** Fabric's {@code SignedByNOutOfGivenRole}: {@code n} signatures of the role, one principal per MSP, in order. */
    public static SignaturePolicyEnvelope nOutOfRole(int n, MSPRole.MSPRoleType role, List<String> mspIds) {
        SignaturePolicyEnvelope.Builder env = SignaturePolicyEnvelope.newBuilder().setVersion(0);
        SignaturePolicy.NOutOf.Builder rule = SignaturePolicy.NOutOf.newBuilder().setN(n);
        for (int i = 0; i < mspIds.size(); i++) {
            env.addIdentities(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(MSPRole.newBuilder().setMspIdentifier(mspIds.get(i)).setRole(role).build()
                            .toByteString()));
            rule.addRules(SignaturePolicy.newBuilder().setSignedBy(i));
        }
        return env.setRule(SignaturePolicy.newBuilder().setNOutOf(rule)).build();
    }

    /** Fabric's {@code SignedByAnyMember}: lscc's default endorsement policy. */
    public static SignaturePolicyEnvelope signedByAnyMember(List<String> mspIds) {
        return nOutOfRole(1, MSPRole.MSPRoleType.MEMBER, mspIds);
    }

    /** Fabric's {@code SignedByAnyAdmin}: lscc's default instantiation policy. */
    public static SignaturePolicyEnvelope signedByAnyAdmin(List<String> mspIds) {
        return nOutOfRole(1, MSPRole.MSPRoleType.ADMIN, mspIds);
    }

    /** Why Fabric's compilation refuses the envelope (version 0, a rule, indices in range); empty when it compiles. */
    public static Optional<String> compileError(SignaturePolicyEnvelope envelope) {
        if (envelope.getVersion() != 0) {
            return Optional.of("This evaluator only understands messages of version 0, but version was "
                    + envelope.getVersion());
        }
        if (!envelope.hasRule()) {
            return Optional.of("empty policy element");
        }
        return ruleError(envelope.getRule(), envelope.getIdentitiesCount());
    }

    /** Why Fabric's compilation refuses the rule over {@code identities} principals; empty when it compiles. */
    public static Optional<String> ruleError(SignaturePolicy rule, int identities) {
        switch (rule.getTypeCase()) {
            case SIGNED_BY:
                if (rule.getSignedBy() < 0 || rule.getSignedBy() >= identities) {
                    return Optional.of("identity index out of range, requested " + rule.getSignedBy()
                            + ", but identities length is " + identities);
                }
                return Optional.empty();
            case N_OUT_OF:
                for (SignaturePolicy r : rule.getNOutOf().getRulesList()) {
                    Optional<String> e = ruleError(r, identities);
                    if (e.isPresent()) {
                        return e;
                    }
                }
                return Optional.empty();
            default:
                return Optional.of("unknown policy type: " + rule.getTypeCase());
        }
    }

    /** Fabric's {@code validateSpOrConcat}: every n-out-of is 1-out-of. */
    public static Optional<String> orConcatenationError(SignaturePolicy rule) {
        if (!rule.hasNOutOf()) {
            return Optional.empty();
        }
        if (rule.getNOutOf().getN() != 1) {
            return Optional.of("signature policy is not an OR concatenation, NOutOf " + rule.getNOutOf().getN());
        }
        for (SignaturePolicy r : rule.getNOutOf().getRulesList()) {
            Optional<String> e = orConcatenationError(r);
            if (e.isPresent()) {
                return e;
            }
        }
        return Optional.empty();
    }
}
