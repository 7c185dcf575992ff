package io.weft.deliver;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import org.osgi.annotation.versioning.ConsumerType;

import io.weft.protoutil.SignedData;

/**
 * What one Deliver method sends: its response message for a status and for each block.
 *
 * @param <C> the channels it serves
 * @param <R> its response message
 */
@ConsumerType
public interface DeliverResponder<C extends BlockSource, R> {

    /** Fabric's {@code data_type} label of this method's requests, for logs. */
    String dataType();

    /** The response that closes a request with {@code status}. */
    R status(Status status);

    /**
     * What {@code requester} receives for {@code block} of {@code channel}.
     *
     * @throws DeliverFailure the stream ends with an error and no status
     */
    R respond(Block block, C channel, SignedData requester) throws DeliverFailure;

    /** A block could not be made a response: the stream ends with an error, as Fabric's handler returning one. */
    class DeliverFailure extends Exception {

        private static final long serialVersionUID = 1L;

        public DeliverFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
