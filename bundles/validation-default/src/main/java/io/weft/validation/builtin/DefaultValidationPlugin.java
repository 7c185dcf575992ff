package io.weft.validation.builtin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.api.handler.NsRwSet;
import io.weft.api.handler.PolicyViolationException;
import io.weft.api.handler.StateKey;
import io.weft.api.handler.ValidationContext;
import io.weft.api.handler.ValidationExecutionException;
import io.weft.api.handler.ValidationPlugin;

/**
 * Fabric v2.0's builtin validation of one namespace of one action: every key the action writes (values or metadata,
 * public or private) must satisfy its own key-level policy if it has one, otherwise the policy of its collection if
 * that collection has one, otherwise the chaincode's policy; an action that writes nothing in the namespace must
 * satisfy the chaincode's policy. Each policy is evaluated at most once per request. The plugin keeps no state between
 * requests, so it is thread-safe and never sees stale state from an earlier block.
 */
final class DefaultValidationPlugin implements ValidationPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultValidationPlugin.class);

    private final ValidationContext context;
    private final KeyLevelPolicies keyLevelPolicies;

    DefaultValidationPlugin(ValidationContext context) {
        this.context = context;
        this.keyLevelPolicies = new KeyLevelPolicies(context);
    }

    @Override
    public Result validate(Request request) throws PolicyViolationException, ValidationExecutionException {
        try {
            return new Evaluation(request).run();
        } catch (PolicyViolationException e) {
            LOG.warn("endorsement policy failure: chaincode {} in tx {}:{} (action {}) on channel {}: {}",
                    request.namespace(), request.block().getHeader().getNumber(), request.txPosition(),
                    request.actionPosition(), context.channelId(), e.getMessage());
            throw e;
        }
    }

    /** The policies checked and keys looked up while validating one request. */
    private final class Evaluation {

        private final Request request;
        private final String namespace;
        private final ByteString signedPayload;
        private final List<Endorsement> endorsements;
        private final long blockNumber;
        private final List<StateKey> keysLookedUp = new ArrayList<>();
        private final Set<String> collectionsChecked = new HashSet<>();
        private boolean chaincodePolicyChecked;
        private boolean somePolicyChecked;

        Evaluation(Request request) {
            this.request = request;
            this.namespace = request.namespace();
            this.signedPayload = request.action().proposalResponsePayload();
            this.endorsements = request.action().endorsements();
            this.blockNumber = request.block().getHeader().getNumber();
        }

        Result run() throws PolicyViolationException, ValidationExecutionException {
            for (NsRwSet rwSet : request.action().rwSets()) {
                if (rwSet.namespace().equals(namespace)) {
                    checkWrites(rwSet);
                }
            }
            if (!somePolicyChecked) {
                checkChaincodePolicy();
            }
            return new Result(keysLookedUp);
        }

        /** In Fabric's order: public writes, public metadata writes, then per collection hashed writes, then per collection hashed metadata writes. */
        private void checkWrites(NsRwSet rwSet) throws PolicyViolationException, ValidationExecutionException {
            for (KVWrite w : rwSet.kvRwSet().getWritesList()) {
                checkPublicKey(w.getKey());
            }
            for (KVMetadataWrite w : rwSet.kvRwSet().getMetadataWritesList()) {
                checkPublicKey(w.getKey());
            }
            for (NsRwSet.Collection c : rwSet.collections()) {
                for (KVWriteHash w : c.hashedRwSet().getHashedWritesList()) {
                    checkPrivateKey(c.name(), w.getKeyHash());
                }
            }
            for (NsRwSet.Collection c : rwSet.collections()) {
                for (KVMetadataWriteHash w : c.hashedRwSet().getMetadataWritesList()) {
                    checkPrivateKey(c.name(), w.getKeyHash());
                }
            }
        }

        private void checkPublicKey(String key) throws PolicyViolationException, ValidationExecutionException {
            keysLookedUp.add(StateKey.publicKey(namespace, key));
            checkKey("", () -> key, keyLevelPolicies.publicKey(namespace, key));
        }

        private void checkPrivateKey(String collection, ByteString keyHash)
                throws PolicyViolationException, ValidationExecutionException {
            keysLookedUp.add(StateKey.privateKeyHash(namespace, collection, keyHash));
            checkKey(collection, () -> HexFormat.of().formatHex(keyHash.toByteArray()),
                    keyLevelPolicies.privateKeyHash(namespace, collection, keyHash));
        }

        private void checkKey(String collection, Supplier<String> keyForMessage, Optional<ByteString> keyPolicy)
                throws PolicyViolationException, ValidationExecutionException {
            if (keyPolicy.isPresent()) {
                evaluate(keyPolicy.get(), () -> "validation of key " + keyForMessage.get() + " (coll'" + collection
                        + "':ns'" + namespace + "') in tx " + position() + " failed");
                somePolicyChecked = true;
                return;
            }
            if (!collection.isEmpty() && checkCollectionPolicy(collection)) {
                return;
            }
            if (!chaincodePolicyChecked) {
                checkChaincodePolicy();
            }
        }

        /** Whether the collection's own policy governs its keys (checked now or earlier in this request). */
        private boolean checkCollectionPolicy(String collection)
                throws PolicyViolationException, ValidationExecutionException {
            if (collectionsChecked.contains(collection)) {
                return true;
            }
            Optional<ByteString> policy = context.collectionEndorsementPolicy(namespace, collection);
            if (policy.isEmpty() || policy.get().isEmpty()) {
                return false;
            }
            evaluate(policy.get(), () -> "validation of endorsement policy for collection " + collection
                    + " chaincode " + namespace + " in tx " + position() + " failed");
            collectionsChecked.add(collection);
            somePolicyChecked = true;
            return true;
        }

        private void checkChaincodePolicy() throws PolicyViolationException {
            evaluate(request.validationParameter(),
                    () -> "validation of endorsement policy for chaincode " + namespace + " in tx " + position()
                            + " failed");
            chaincodePolicyChecked = true;
            somePolicyChecked = true;
        }

        /** {@code failure} is built only when the policy fails: a valid transaction builds no message. */
        private void evaluate(ByteString policy, Supplier<String> failure) throws PolicyViolationException {
            try {
                context.evaluate(policy, signedPayload, endorsements);
            } catch (PolicyViolationException e) {
                throw new PolicyViolationException(failure.get() + ": " + e.getMessage());
            }
        }

        private String position() {
            return blockNumber + ":" + request.txPosition();
        }
    }
}
