package io.weft.protoutil;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Fabric's {@code SignedData}: what a policy evaluates — the signed bytes, the serialized identity
 * that claims to have signed them, and the signature.
 *
 * @param data the signed bytes
 * @param identity the serialized identity ({@code msp.SerializedIdentity})
 * @param signature the signature over {@code data}
 */
public record SignedData(ByteString data, ByteString identity, ByteString signature) {

    public SignedData {
        requireNonNull(data, "data");
        requireNonNull(identity, "identity");
        requireNonNull(signature, "signature");
    }

    /** The signed data of an envelope: its payload, signed by the payload's signature-header creator. */
    public static SignedData fromEnvelope(Envelope envelope) throws InvalidProtocolBufferException {
        Payload payload = Payload.parseFrom(envelope.getPayload());
        if (!payload.hasHeader()) {
            throw new InvalidProtocolBufferException("missing header");
        }
        SignatureHeader header = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        return new SignedData(envelope.getPayload(), header.getCreator(), envelope.getSignature());
    }

    /** The signed data of a proposal: its bytes, signed by the proposal's signature-header creator. */
    public static SignedData fromProposal(SignedProposal signed) throws InvalidProtocolBufferException {
        Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
        Header header = Header.parseFrom(proposal.getHeader());
        SignatureHeader signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
        return new SignedData(signed.getProposalBytes(), signatureHeader.getCreator(), signed.getSignature());
    }
}
