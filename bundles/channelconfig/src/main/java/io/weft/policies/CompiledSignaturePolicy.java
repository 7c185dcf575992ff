package io.weft.policies;

import java.util.List;
import java.util.Objects;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.msp.Identity;
import io.weft.msp.IdentityDeserializer;
import io.weft.msp.MspException;
import io.weft.protoutil.SignedData;

/**
 * A {@code SignaturePolicyEnvelope} compiled once into a rule tree (Fabric's {@code cauthdsl}). Evaluation
 * follows Fabric exactly: each identity satisfies at most one {@code SignedBy} leaf, leaves take the first
 * unused identity that satisfies their principal, and an {@code NOutOf} gate evaluates all of its rules
 * (no short cut), keeping the identities a satisfied rule used.
 */
public final class CompiledSignaturePolicy implements Policy {

    private final SignaturePolicyEnvelope envelope;
    private final Rule rule;
    private final IdentityDeserializer deserializer;

    private CompiledSignaturePolicy(SignaturePolicyEnvelope envelope, Rule rule, IdentityDeserializer deserializer) {
        this.envelope = envelope;
        this.rule = rule;
        this.deserializer = deserializer;
    }

    /** Compiles marshalled {@code SignaturePolicyEnvelope} bytes, as Fabric's signature policy provider. */
    public static CompiledSignaturePolicy fromBytes(byte[] bytes, IdentityDeserializer deserializer) throws PolicyException {
        SignaturePolicyEnvelope envelope;
        try {
            envelope = SignaturePolicyEnvelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new PolicyException("Error unmarshalling to SignaturePolicy: " + e.getMessage(), e);
        }
        if (envelope.getVersion() != 0) {
            throw new PolicyException("This evaluator only understands messages of version 0, but version was "
                    + envelope.getVersion());
        }
        return compile(envelope, deserializer);
    }

    /** Compiles an envelope; {@code deserializer} is the channel's (caching) identity deserializer. */
    public static CompiledSignaturePolicy compile(SignaturePolicyEnvelope envelope, IdentityDeserializer deserializer)
            throws PolicyException {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(deserializer, "deserializer");
        Rule rule = envelope.hasRule() ? compile(envelope.getRule(), envelope.getIdentitiesList()) : null;
        if (rule == null) {
            throw new PolicyException("Empty policy element");
        }
        return new CompiledSignaturePolicy(envelope, rule, deserializer);
    }

    /** The envelope the policy was compiled from (Fabric's {@code Convert}). */
    public SignaturePolicyEnvelope envelope() {
        return envelope;
    }

    @Override
    public void evaluateSignedData(List<SignedData> signedData) throws PolicyException {
        evaluateIdentities(SignatureSets.validIdentities(signedData, deserializer));
    }

    @Override
    public void evaluateIdentities(List<Identity> identities) throws PolicyException {
        if (!rule.evaluate(identities, new boolean[identities.size()])) {
            throw new PolicyException("signature set did not satisfy policy");
        }
    }

    private interface Rule {
        boolean evaluate(List<Identity> identities, boolean[] used);
    }

    private static Rule compile(SignaturePolicy policy, List<MSPPrincipal> principals) throws PolicyException {
        switch (policy.getTypeCase()) {
            case N_OUT_OF: {
                SignaturePolicy.NOutOf gate = policy.getNOutOf();
                Rule[] rules = new Rule[gate.getRulesCount()];
                for (int i = 0; i < rules.length; i++) {
                    rules[i] = compile(gate.getRules(i), principals);
                }
                return new OutOf(gate.getN(), rules);
            }
            case SIGNED_BY: {
                int index = policy.getSignedBy();
                if (index < 0 || index >= principals.size()) {
                    throw new PolicyException("identity index out of range, requested " + index
                            + ", but identities length is " + principals.size());
                }
                return new SignedBy(principals.get(index));
            }
            default:
                throw new PolicyException("Unknown type: " + policy.getTypeCase());
        }
    }

    private record OutOf(int n, Rule[] rules) implements Rule {
        @Override
        public boolean evaluate(List<Identity> identities, boolean[] used) {
            int verified = 0;
            boolean[] trial = new boolean[used.length];
            for (Rule r : rules) {
                System.arraycopy(used, 0, trial, 0, used.length);
                if (r.evaluate(identities, trial)) {
                    verified++;
                    System.arraycopy(trial, 0, used, 0, used.length);
                }
            }
            return verified >= n;
        }
    }

    private record SignedBy(MSPPrincipal principal) implements Rule {
        @Override
        public boolean evaluate(List<Identity> identities, boolean[] used) {
            for (int i = 0; i < used.length; i++) {
                if (used[i]) {
                    continue;
                }
                try {
                    identities.get(i).satisfiesPrincipal(principal);
                } catch (MspException e) {
                    continue;
                }
                used[i] = true;
                return true;
            }
            return false;
        }
    }
}
