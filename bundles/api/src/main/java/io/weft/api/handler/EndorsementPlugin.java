package io.weft.api.handler;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Endorses a simulated proposal (Fabric's {@code endorsement.Plugin}). Thread-safe.
 */
@ConsumerType
public interface EndorsementPlugin {

    /**
     * The result of an endorsement.
     *
     * @param endorsement the endorser identity and signature
     * @param payload the bytes that become {@code ProposalResponse.payload}
     */
    record Result(Endorsement endorsement, ByteString payload) {
    }

    /**
     * Endorses {@code proposalResponsePayload}, the marshalled {@code ProposalResponsePayload}.
     *
     * @throws EndorsementException when the plugin cannot endorse; the client gets status 500
     */
    Result endorse(ByteString proposalResponsePayload, SignedProposal proposal) throws EndorsementException;
}
