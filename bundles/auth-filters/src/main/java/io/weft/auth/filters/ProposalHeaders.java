package io.weft.auth.filters;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Unpacks the headers of a signed proposal as Fabric's filters do, with their error messages
 * ({@code failed parsing proposal: error unmarshalling Proposal: …} and so on).
 */
final class ProposalHeaders {

    private ProposalHeaders() {
    }

    static Header header(SignedProposal signed) throws AuthFilterException {
        Proposal proposal;
        try {
            proposal = Proposal.parseFrom(signed.getProposalBytes());
        } catch (InvalidProtocolBufferException e) {
            throw failure("failed parsing proposal", "Proposal", e);
        }
        try {
            return Header.parseFrom(proposal.getHeader());
        } catch (InvalidProtocolBufferException e) {
            throw failure("failed parsing header", "Header", e);
        }
    }

    static SignatureHeader signatureHeader(Header header) throws AuthFilterException {
        return parse(header.getSignatureHeader(), "failed parsing signature header", "SignatureHeader",
                SignatureHeader::parseFrom);
    }

    static ChannelHeader channelHeader(Header header) throws AuthFilterException {
        return parse(header.getChannelHeader(), "failed parsing channel header", "ChannelHeader", ChannelHeader::parseFrom);
    }

    private interface Parser<T> {
        T parse(ByteString bytes) throws InvalidProtocolBufferException;
    }

    private static <T> T parse(ByteString bytes, String context, String type, Parser<T> parser) throws AuthFilterException {
        try {
            return parser.parse(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw failure(context, type, e);
        }
    }

    private static AuthFilterException failure(String context, String type, InvalidProtocolBufferException e) {
        return new AuthFilterException(context + ": error unmarshalling " + type + ": " + e.getMessage());
    }
}
