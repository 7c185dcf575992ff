package io.weft.core.committer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

import com.google.protobuf.ByteString;

import io.weft.api.handler.PolicyViolationException;
import io.weft.api.handler.ValidationContext;
import io.weft.api.handler.ValidationExecutionException;
import io.weft.ledger.LedgerException;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.lifecycle.ChaincodeCollections;
import io.weft.lifecycle.ChaincodeDefinition;
import io.weft.lifecycle.LifecycleState;
import io.weft.lifecycle.LifecycleStateException;
import io.weft.lifecycle.StateReader;

/**
 * The peer side of a channel's validation plugins: policy evaluation under the channel's config and reads of the
 * state committed before the block being validated. The committer opens the block's state view before the plugins
 * run and closes it before the block commits.
 */
final class ChannelValidationContext implements ValidationContext {

    private final String channelId;
    private final ApplicationPolicies policies;
    private volatile QueryExecutor blockState; // the committed state during one block's validation

    ChannelValidationContext(String channelId, ApplicationPolicies policies) {
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /** Reads go to {@code state} until {@link #endBlock()}. */
    void beginBlock(QueryExecutor state) {
        blockState = state;
    }

    void endBlock() {
        QueryExecutor qe = blockState;
        blockState = null;
        if (qe != null) {
            qe.done();
        }
    }

    /** The block's committed state as the lifecycle library reads it. */
    StateReader stateReader() {
        return (ns, key) -> state().getState(ns, key);
    }

    private QueryExecutor state() {
        QueryExecutor qe = blockState;
        if (qe == null) {
            throw new IllegalStateException("state read outside a block's validation on channel " + channelId);
        }
        return qe;
    }

    @Override
    public String channelId() {
        return channelId;
    }

    @Override
    public void evaluate(ByteString applicationPolicy, ByteString signedPayload, List<Endorsement> endorsements)
            throws PolicyViolationException {
        policies.evaluate(applicationPolicy, signedPayload, endorsements);
    }

    @Override
    public Map<String, ByteString> stateMetadata(String namespace, String key) throws ValidationExecutionException {
        try {
            return orEmpty(state().getStateMetadata(namespace, key));
        } catch (LedgerException e) {
            throw new ValidationExecutionException("could not retrieve metadata for " + namespace + ":" + key + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, ByteString> privateDataMetadataByHash(String namespace, String collection, ByteString keyHash)
            throws ValidationExecutionException {
        try {
            return orEmpty(state().getPrivateDataMetadataByHash(namespace, collection, keyHash));
        } catch (LedgerException e) {
            throw new ValidationExecutionException("could not retrieve metadata for " + namespace + ":" + collection
                    + ": " + e.getMessage(), e);
        }
    }

    /** What Fabric's lifecycle answers as the definition of {@code _lifecycle} itself: nothing but its existence. */
    private static final ChaincodeDefinition LIFECYCLE_ITSELF = new ChaincodeDefinition(0,
            org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo.getDefaultInstance(),
            org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo.getDefaultInstance(),
            org.hyperledger.fabric.protos.peer.CollectionConfigPackage.getDefaultInstance());

    /** Fabric's {@code CollectionValidationInfo}: only chaincodes defined with {@code _lifecycle} have one. */
    @Override
    public Optional<ByteString> collectionEndorsementPolicy(String chaincode, String collection)
            throws PolicyViolationException, ValidationExecutionException {
        Optional<ChaincodeDefinition> definition;
        try {
            // as Fabric, _lifecycle counts as defined: its implicit collections carry their orgs' policies
            definition = LifecycleState.NAMESPACE.equals(chaincode) ? Optional.of(LIFECYCLE_ITSELF)
                    : LifecycleState.definition(stateReader(), chaincode);
        } catch (LifecycleStateException | LedgerException e) {
            throw new ValidationExecutionException("could not get chaincode: " + e.getMessage(), e);
        }
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> implicitOrg = ChaincodeCollections.implicitCollectionMspId(collection);
        if (implicitOrg.isPresent()) {
            String mspId = implicitOrg.get();
            return Optional.of(policies.implicitCollectionEndorsement(mspId).orElseThrow(
                    () -> new PolicyViolationException("no org found in channel with MSPID '" + mspId + "'")));
        }
        StaticCollectionConfig s = ChaincodeCollections.declared(definition.get().collections(), collection)
                .orElseThrow(() -> new PolicyViolationException("no such collection '" + collection + "'"));
        return Optional.of(s.hasEndorsementPolicy() ? s.getEndorsementPolicy().toByteString()
                : definition.get().validationInfo().getValidationParameter());
    }

    private static Map<String, ByteString> orEmpty(Map<String, ByteString> m) {
        return m == null ? Map.of() : m;
    }
}
