package io.weft.core.endorser;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;

import io.weft.protoutil.Hashing;
import io.weft.protoutil.Protos;

/**
 * A proposal taken apart as Fabric's {@code UnpackProposal} does: every message parsed, the chaincode named, the input
 * present, and the proposal hash computed over the received header bytes and the payload without its transient map.
 *
 * @param signedProposal the proposal as received
 * @param proposal the parsed proposal
 * @param channelHeader its channel header
 * @param signatureHeader its signature header
 * @param chaincodeName the chaincode the header extension names
 * @param input the chaincode input of the invocation spec
 * @param proposalHash SHA-256(channel header ‖ signature header ‖ payload without transient map)
 */
public record UnpackedProposal(SignedProposal signedProposal, Proposal proposal, ChannelHeader channelHeader,
        SignatureHeader signatureHeader, String chaincodeName, ChaincodeInput input, ByteString proposalHash) {

    public String channelId() {
        return channelHeader.getChannelId();
    }

    public String txId() {
        return channelHeader.getTxId();
    }

    /**
     * Unpacks {@code signed}.
     *
     * @throws ProposalException with Fabric's text, e.g. {@code error unmarshalling Proposal: …} or
     *     {@code ChaincodeHeaderExtension.ChaincodeId is nil}
     */
    public static UnpackedProposal unpack(SignedProposal signed) throws ProposalException {
        Proposal proposal = parse(Proposal.parser(), signed.getProposalBytes(), "Proposal");
        Header header = parse(Header.parser(), proposal.getHeader(), "Header");
        ChannelHeader chdr = parse(ChannelHeader.parser(), header.getChannelHeader(), "ChannelHeader");
        SignatureHeader shdr = parse(SignatureHeader.parser(), header.getSignatureHeader(), "SignatureHeader");
        ChaincodeHeaderExtension ext = parse(ChaincodeHeaderExtension.parser(), chdr.getExtension(),
                "ChaincodeHeaderExtension");
        if (!ext.hasChaincodeId()) {
            throw new ProposalException("ChaincodeHeaderExtension.ChaincodeId is nil");
        }
        if (ext.getChaincodeId().getName().isEmpty()) {
            throw new ProposalException("ChaincodeHeaderExtension.ChaincodeId.Name is empty");
        }
        ChaincodeProposalPayload cpp = parse(ChaincodeProposalPayload.parser(), proposal.getPayload(),
                "ChaincodeProposalPayload");
        ChaincodeInvocationSpec cis = parse(ChaincodeInvocationSpec.parser(), cpp.getInput(), "ChaincodeInvocationSpec");
        if (!cis.hasChaincodeSpec()) {
            throw new ProposalException("chaincode invocation spec did not contain chaincode spec");
        }
        if (!cis.getChaincodeSpec().hasInput()) {
            throw new ProposalException("chaincode input did not contain any input");
        }
        ByteString withoutTransient = ChaincodeProposalPayload.newBuilder().setInput(cpp.getInput()).build()
                .toByteString();
        ByteString hash = ByteString.copyFrom(Hashing.sha256(header.getChannelHeader(), header.getSignatureHeader(),
                withoutTransient));
        return new UnpackedProposal(signed, proposal, chdr, shdr, ext.getChaincodeId().getName(),
                cis.getChaincodeSpec().getInput(), hash);
    }

    private static <T> T parse(Parser<T> parser, ByteString bytes, String what) throws ProposalException {
        try {
            return Protos.parse(parser, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ProposalException("error unmarshalling " + what + ": " + e.getMessage(), e);
        }
    }
}
