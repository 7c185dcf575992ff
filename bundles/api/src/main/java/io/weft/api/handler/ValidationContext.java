package io.weft.api.handler;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.peer.Endorsement;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the peer offers a validation plugin for one channel (Fabric's plugin dependencies: policy evaluator, state
 * fetcher, collection resources). Thread-safe; reads see the state committed before the block being validated.
 */
@ProviderType
public interface ValidationContext {

    /** The channel whose blocks the plugin validates. */
    String channelId();

    /**
     * Evaluates a serialized {@code ApplicationPolicy} (a signature policy, or a reference to a channel policy such as
     * {@code /Channel/Application/Endorsement}) against endorsements of {@code signedPayload}. Each endorsement
     * signs {@code signedPayload ‖ endorser}; several endorsements by one identity count once.
     *
     * @throws PolicyViolationException the endorsements do not satisfy the policy, or it cannot be parsed
     */
    void evaluate(ByteString applicationPolicy, ByteString signedPayload, List<Endorsement> endorsements)
            throws PolicyViolationException;

    /** The metadata entries of a public key (e.g. {@code VALIDATION_PARAMETER}); empty when it has none. */
    Map<String, ByteString> stateMetadata(String namespace, String key) throws ValidationExecutionException;

    /** The metadata entries of a private key, by the hash of the key; empty when it has none. */
    Map<String, ByteString> privateDataMetadataByHash(String namespace, String collection, ByteString keyHash)
            throws ValidationExecutionException;

    /**
     * The endorsement policy of a collection of a chaincode defined with {@code _lifecycle} (its own, or the policy
     * of the org of an implicit collection); empty when the collection has none or the chaincode is not so defined
     * (the chaincode's policy applies).
     *
     * @throws PolicyViolationException the collection does not exist
     */
    Optional<ByteString> collectionEndorsementPolicy(String chaincode, String collection)
            throws PolicyViolationException, ValidationExecutionException;
}
