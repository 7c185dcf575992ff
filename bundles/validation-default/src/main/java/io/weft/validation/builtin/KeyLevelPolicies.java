package io.weft.validation.builtin;

import java.util.Map;
import java.util.Optional;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;

import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.MetaDataKeys;

import io.weft.api.handler.PolicyViolationException;
import io.weft.api.handler.ValidationContext;
import io.weft.api.handler.ValidationExecutionException;

/**
 * Reads a key's own endorsement policy (its {@code VALIDATION_PARAMETER} metadata) from committed state and turns it
 * into the {@code ApplicationPolicy} form the context evaluates. State stores a bare {@code SignaturePolicyEnvelope};
 * the context only understands application policies, hence the translation. Nothing is cached: every call reads the
 * state committed before the block being validated.
 */
final class KeyLevelPolicies {

    static final String VALIDATION_PARAMETER = MetaDataKeys.VALIDATION_PARAMETER.name();

    private final ValidationContext context;

    KeyLevelPolicies(ValidationContext context) {
        this.context = context;
    }

    /** The policy of a public key, if it has one. */
    Optional<ByteString> publicKey(String namespace, String key)
            throws PolicyViolationException, ValidationExecutionException {
        return translate(context.stateMetadata(namespace, key));
    }

    /** The policy of a private key, identified by the hash of the key, if it has one. */
    Optional<ByteString> privateKeyHash(String namespace, String collection, ByteString keyHash)
            throws PolicyViolationException, ValidationExecutionException {
        return translate(context.privateDataMetadataByHash(namespace, collection, keyHash));
    }

    private static Optional<ByteString> translate(Map<String, ByteString> metadata) {
        ByteString vp = metadata.get(VALIDATION_PARAMETER);
        if (vp == null || vp.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toApplicationPolicy(vp));
    }

    /**
     * Wraps a serialized {@code SignaturePolicyEnvelope} into a serialized {@code ApplicationPolicy} (its field 1)
     * without decoding it: the context decodes the result once, as deep as Fabric does, and refuses what does not
     * decode as a policy failure.
     */
    static ByteString toApplicationPolicy(ByteString signaturePolicyEnvelope) {
        try {
            ByteString.Output out = ByteString.newOutput(signaturePolicyEnvelope.size() + 6);
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            coded.writeBytes(ApplicationPolicy.SIGNATURE_POLICY_FIELD_NUMBER, signaturePolicyEnvelope);
            coded.flush();
            return out.toByteString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // writing to memory
        }
    }
}
