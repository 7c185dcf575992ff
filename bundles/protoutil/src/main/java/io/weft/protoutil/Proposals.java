package io.weft.protoutil;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import com.google.protobuf.ByteString;

import io.weft.api.identity.SigningIdentity;

/**
 * Proposals as clients build them (Fabric's {@code CreateProposalFromCIS} and {@code GetSignedProposal}): a header
 * with a fresh nonce and the txid derived from it, the chaincode id in the header extension, the invocation spec in
 * the payload, signed by the creator.
 */
public final class Proposals {

    private Proposals() {
    }

    /** A signed proposal invoking {@code chaincode} with {@code args} (the function first). */
    public static SignedProposal signed(int headerType, String channelId, String chaincode, SigningIdentity signer,
            ByteString... args) {
        return sign(create(headerType, channelId, invocation(chaincode, args), signer.serialize()), signer);
    }

    /** The invocation of {@code chaincode} with {@code args} (the function first), as Fabric's CLI builds it. */
    public static ChaincodeInvocationSpec invocation(String chaincode, ByteString... args) {
        return invocation(chaincode, ChaincodeInput.newBuilder().addAllArgs(java.util.List.of(args)).build());
    }

    /** The invocation of {@code chaincode} with {@code input}; the spec's type is GOLANG, as Fabric's CLI defaults. */
    public static ChaincodeInvocationSpec invocation(String chaincode, ChaincodeInput input) {
        return ChaincodeInvocationSpec.newBuilder().setChaincodeSpec(ChaincodeSpec.newBuilder()
                .setType(ChaincodeSpec.Type.GOLANG).setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                .setInput(input)).build();
    }

    /** Fabric's {@code CreateProposalFromCIS}. */
    public static Proposal create(int headerType, String channelId, ChaincodeInvocationSpec cis, ByteString creator) {
        return create(headerType, channelId, cis, creator, java.util.Map.of());
    }

    /**
     * Fabric's {@code CreateChaincodeProposalWithTxIDAndTransient} with a fresh txid: {@code transientMap} travels in
     * the payload to the endorsers and is left out of the transaction.
     */
    public static Proposal create(int headerType, String channelId, ChaincodeInvocationSpec cis, ByteString creator,
            java.util.Map<String, ByteString> transientMap) {
        ByteString nonce = Envelopes.nonce();
        ChannelHeader chdr = ChannelHeader.newBuilder().setType(headerType).setChannelId(channelId)
                .setTxId(TxIds.compute(nonce, creator)).setTimestamp(Envelopes.now()).setEpoch(0)
                .setExtension(ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(cis.getChaincodeSpec().getChaincodeId()).build().toByteString())
                .build();
        SignatureHeader shdr = SignatureHeader.newBuilder().setCreator(creator).setNonce(nonce).build();
        Header header = Header.newBuilder().setChannelHeader(chdr.toByteString()).setSignatureHeader(shdr.toByteString())
                .build();
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.newBuilder().setInput(cis.toByteString())
                .putAllTransientMap(transientMap).build();
        return Proposal.newBuilder().setHeader(header.toByteString()).setPayload(payload.toByteString()).build();
    }

    /** The transaction ID in a proposal's channel header. */
    public static String txId(Proposal proposal) {
        try {
            return ChannelHeader.parseFrom(Header.parseFrom(proposal.getHeader()).getChannelHeader()).getTxId();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a proposal made by Proposals.create: " + e.getMessage(), e);
        }
    }

    /** Fabric's {@code GetSignedProposal}: the signer signs the proposal's bytes. */
    public static SignedProposal sign(Proposal proposal, SigningIdentity signer) {
        ByteString bytes = proposal.toByteString();
        return SignedProposal.newBuilder().setProposalBytes(bytes)
                .setSignature(ByteString.copyFrom(signer.sign(bytes.toByteArray()))).build();
    }
}
