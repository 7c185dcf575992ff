package io.weft.api.handler;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.Block;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether one transaction action satisfies its endorsement rules (Fabric's
 * {@code validation.Plugin}). Called concurrently for the transactions of a block.
 */
@ConsumerType
public interface ValidationPlugin {

    /**
     * One action to validate.
     *
     * @param block the block being validated
     * @param namespace the chaincode namespace
     * @param txPosition index of the transaction in the block
     * @param actionPosition index of the action in the transaction
     * @param validationParameter the serialized policy (Fabric's {@code SerializedPolicy})
     */
    record Request(Block block, String namespace, int txPosition, int actionPosition, ByteString validationParameter) {
    }

    /**
     * Returns normally when the action is valid.
     *
     * @throws PolicyViolationException the transaction is invalid ({@code ENDORSEMENT_POLICY_FAILURE})
     * @throws ValidationExecutionException the plugin cannot decide; the block is not committed
     */
    void validate(Request request) throws PolicyViolationException, ValidationExecutionException;
}
