package io.weft.api.handler;

import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Fabric's {@code decoration.Decorator}: adjusts the input sent to the chaincode, typically by
 * adding entries to {@code ChaincodeInput.decorations}. Applied in the order of
 * {@code peer.handlers.decorators}. Thread-safe, non-blocking.
 */
@ConsumerType
public interface Decorator {

    ChaincodeInput decorate(Proposal proposal, ChaincodeInput input);
}
