package io.weft.api.handler;

import java.util.List;
import java.util.Objects;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.Block;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether one transaction action satisfies the endorsement rules of one namespace it writes (Fabric's
 * {@code validation.Plugin}). Called concurrently for the transactions of a block, so it must be thread-safe; the
 * committer pins one plugin provider for a whole block.
 */
@ConsumerType
public interface ValidationPlugin {

    /**
     * One namespace of one action to validate.
     *
     * @param block the block being validated (as the orderer cut it; its metadata is not yet final)
     * @param namespace the namespace whose rules apply: the invoked chaincode or another namespace the action writes
     * @param txPosition index of the transaction in the block
     * @param actionPosition index of the action in the transaction
     * @param validationParameter the namespace's validation argument from its definition (for {@code vscc}, the
     *        serialized {@code ApplicationPolicy})
     * @param action the action, parsed once by the committer
     */
    record Request(Block block, String namespace, int txPosition, int actionPosition, ByteString validationParameter,
            EndorsedAction action) {
        public Request {
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(validationParameter, "validationParameter");
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * What a positive decision relied on.
     *
     * @param validationParameterKeys the keys whose key-level endorsement policy (state-based endorsement) the
     *        decision read from committed state; the committer invalidates the transaction when an earlier
     *        transaction of the same block, accepted for that namespace, rewrote the metadata of one of them (Fabric's
     *        {@code ValidationParameterUpdatedError})
     */
    record Result(List<StateKey> validationParameterKeys) {
        /** A decision that read no key-level policy. */
        public static final Result NO_KEY_LEVEL_POLICIES = new Result(List.of());

        public Result {
            validationParameterKeys = List.copyOf(validationParameterKeys);
        }
    }

    /**
     * Returns when the action is valid for the namespace.
     *
     * @throws PolicyViolationException the transaction is invalid ({@code ENDORSEMENT_POLICY_FAILURE})
     * @throws ValidationExecutionException the plugin cannot decide; the block is not committed
     */
    Result validate(Request request) throws PolicyViolationException, ValidationExecutionException;
}
