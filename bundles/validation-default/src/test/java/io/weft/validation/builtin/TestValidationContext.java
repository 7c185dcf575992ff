package io.weft.validation.builtin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.Endorsement;

import io.weft.api.handler.PolicyViolationException;
import io.weft.api.handler.ValidationContext;
import io.weft.api.handler.ValidationExecutionException;

/**
 * A context whose policies name the endorser identities they require: a signature policy is satisfied when every
 * principal of its envelope (an identity's bytes) is among the endorsers. Metadata and collection policies live in
 * maps; every evaluated policy is recorded.
 */
final class TestValidationContext implements ValidationContext {

    final Map<String, Map<String, ByteString>> publicMetadata = new HashMap<>();
    final Map<String, Map<String, ByteString>> privateMetadata = new HashMap<>();
    final Map<String, ByteString> collectionPolicies = new HashMap<>();
    final Set<String> collections = new HashSet<>();
    final List<ByteString> evaluated = Collections.synchronizedList(new ArrayList<>());
    boolean stateUnavailable;

    /** A serialized envelope requiring the given identities. */
    static ByteString envelope(String... identities) {
        SignaturePolicyEnvelope.Builder b = SignaturePolicyEnvelope.newBuilder()
                .setRule(SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(identities.length)));
        for (String id : identities) {
            b.addIdentities(MSPPrincipal.newBuilder().setPrincipal(ByteString.copyFromUtf8(id)));
        }
        return b.build().toByteString();
    }

    /** A serialized application policy requiring the given identities. */
    static ByteString policy(String... identities) {
        try {
            return ApplicationPolicy.newBuilder()
                    .setSignaturePolicy(SignaturePolicyEnvelope.parseFrom(envelope(identities))).build().toByteString();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    void keyPolicy(String ns, String key, ByteString vp) {
        publicMetadata.put(ns + "/" + key, Map.of(KeyLevelPolicies.VALIDATION_PARAMETER, vp));
    }

    void privateKeyPolicy(String ns, String coll, ByteString keyHash, ByteString vp) {
        privateMetadata.put(ns + "/" + coll + "/" + keyHash.toStringUtf8(), Map.of(KeyLevelPolicies.VALIDATION_PARAMETER, vp));
    }

    @Override
    public String channelId() {
        return "testchannel";
    }

    @Override
    public void evaluate(ByteString applicationPolicy, ByteString signedPayload, List<Endorsement> endorsements)
            throws PolicyViolationException {
        evaluated.add(applicationPolicy);
        ApplicationPolicy policy;
        try {
            policy = ApplicationPolicy.parseFrom(applicationPolicy);
        } catch (InvalidProtocolBufferException e) {
            throw new PolicyViolationException("unparsable policy");
        }
        if (!policy.hasSignaturePolicy()) {
            throw new PolicyViolationException("only signature policies in this test");
        }
        Set<ByteString> endorsers = new HashSet<>();
        endorsements.forEach(e -> endorsers.add(e.getEndorser()));
        for (MSPPrincipal p : policy.getSignaturePolicy().getIdentitiesList()) {
            if (!endorsers.contains(p.getPrincipal())) {
                throw new PolicyViolationException("signature set did not satisfy policy (" + p.getPrincipal().toStringUtf8() + " missing)");
            }
        }
    }

    @Override
    public Map<String, ByteString> stateMetadata(String namespace, String key) throws ValidationExecutionException {
        if (stateUnavailable) {
            throw new ValidationExecutionException("could not retrieve ledger");
        }
        return publicMetadata.getOrDefault(namespace + "/" + key, Map.of());
    }

    @Override
    public Map<String, ByteString> privateDataMetadataByHash(String namespace, String collection, ByteString keyHash)
            throws ValidationExecutionException {
        if (stateUnavailable) {
            throw new ValidationExecutionException("could not retrieve ledger");
        }
        return privateMetadata.getOrDefault(namespace + "/" + collection + "/" + keyHash.toStringUtf8(), Map.of());
    }

    @Override
    public Optional<ByteString> collectionEndorsementPolicy(String chaincode, String collection)
            throws PolicyViolationException {
        if (!collections.contains(collection)) {
            throw new PolicyViolationException("collection " + collection + " not found for chaincode " + chaincode);
        }
        return Optional.ofNullable(collectionPolicies.get(collection));
    }
}
