package io.weft.protoutil;

import java.util.List;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.identity.SigningIdentity;

/** Fabric's {@code CreateSignedTx}: the transaction envelope a client sends the orderer for endorsed proposals. */
public final class Transactions {

    private Transactions() {
    }

    /**
     * Assembles and signs the transaction of {@code proposal} from its endorsements.
     *
     * @throws IllegalArgumentException with Fabric's message: no responses, another signer than the proposal's
     *         creator, an unsuccessful response, differing response payloads, or a malformed proposal
     */
    public static Envelope createSignedTx(Proposal proposal, SigningIdentity signer, List<ProposalResponse> responses) {
        if (responses.isEmpty()) {
            throw new IllegalArgumentException("at least one proposal response is required");
        }
        Header header;
        ChaincodeProposalPayload proposalPayload;
        SignatureHeader signatureHeader;
        try {
            header = Header.parseFrom(proposal.getHeader());
            proposalPayload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed proposal: " + e.getMessage(), e);
        }
        if (!signer.serialize().equals(signatureHeader.getCreator())) {
            throw new IllegalArgumentException("signer must be the same as the one referenced in the header");
        }
        ByteString payload = null;
        ChaincodeEndorsedAction.Builder action = ChaincodeEndorsedAction.newBuilder();
        for (ProposalResponse r : responses) {
            int status = r.getResponse().getStatus();
            if (status < 200 || status >= 400) {
                throw new IllegalArgumentException("proposal response was not successful, error code " + status
                        + ", msg " + r.getResponse().getMessage());
            }
            if (payload == null) {
                payload = r.getPayload();
            } else if (!payload.equals(r.getPayload())) {
                throw new IllegalArgumentException("ProposalResponsePayloads do not match");
            }
            action.addEndorsements(r.getEndorsement());
        }
        action.setProposalResponsePayload(payload);
        // the transaction carries the proposal's input, never its transient map
        ByteString proposalPayloadForTx = ChaincodeProposalPayload.newBuilder().setInput(proposalPayload.getInput())
                .build().toByteString();
        Transaction tx = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
                .setHeader(header.getSignatureHeader())
                .setPayload(ChaincodeActionPayload.newBuilder().setChaincodeProposalPayload(proposalPayloadForTx)
                        .setAction(action).build().toByteString()))
                .build();
        ByteString signed = Payload.newBuilder().setHeader(header).setData(tx.toByteString()).build().toByteString();
        return Envelope.newBuilder().setPayload(signed).setSignature(ByteString.copyFrom(signer.sign(signed.toByteArray())))
                .build();
    }
}
