package io.weft.core.committer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

import com.google.protobuf.ByteString;

import io.weft.msp.MspSigningIdentity;
import io.weft.protoutil.Envelopes;
import io.weft.protoutil.Hashing;
import io.weft.protoutil.TxIds;

/**
 * Builds an endorser transaction as a client assembles it from endorsed proposal responses: channel header with the
 * chaincode header extension, the chaincode action (ids, results, events), the endorsements over
 * {@code prp ‖ endorser}, signed by the creator. Each setter is an edit a test can make to forge a bad one.
 */
public final class EndorsedTx {

    private final MspSigningIdentity creator;
    private String channel = CommitterFixtures.CHANNEL;
    private String chaincode = "basic";
    private String actionChaincode; // null: same as chaincode
    private String version = "1.0";
    private boolean headerChaincodeId = true;
    private boolean actionChaincodeId = true;
    private TxReadWriteSet results = TxReadWriteSet.getDefaultInstance();
    private ByteString rawResults; // overrides results when set
    private ByteString events = ByteString.EMPTY;
    private List<MspSigningIdentity> endorsers = new ArrayList<>();
    private List<Endorsement> extraEndorsements = new ArrayList<>();
    private UnaryOperator<ChannelHeader.Builder> editHeader = UnaryOperator.identity();
    private ByteString headerExtension; // overrides the computed extension when set
    private ByteString responseExtension; // overrides the chaincode action bytes when set
    private ByteString proposalInput = ByteString.copyFromUtf8("invoke");

    public EndorsedTx(MspSigningIdentity creator) {
        this.creator = creator;
    }

    public EndorsedTx channel(String c) { channel = c; return this; }
    public EndorsedTx chaincode(String c) { chaincode = c; return this; }
    public EndorsedTx actionChaincode(String c) { actionChaincode = c; return this; }
    public EndorsedTx version(String v) { version = v; return this; }
    public EndorsedTx noHeaderChaincodeId() { headerChaincodeId = false; return this; }
    public EndorsedTx noActionChaincodeId() { actionChaincodeId = false; return this; }
    public EndorsedTx results(TxReadWriteSet r) { results = r; return this; }
    public EndorsedTx rawResults(ByteString r) { rawResults = r; return this; }
    public EndorsedTx events(ByteString e) { events = e; return this; }
    public EndorsedTx endorsedBy(MspSigningIdentity... e) { endorsers = new ArrayList<>(List.of(e)); return this; }
    public EndorsedTx extraEndorsement(Endorsement e) { extraEndorsements.add(e); return this; }
    public EndorsedTx editHeader(UnaryOperator<ChannelHeader.Builder> e) { editHeader = e; return this; }
    public EndorsedTx headerExtension(ByteString e) { headerExtension = e; return this; }
    public EndorsedTx responseExtension(ByteString e) { responseExtension = e; return this; }
    /** The proposal payload's input (a marshalled {@code ChaincodeInvocationSpec} for lscc's checks). */
    public EndorsedTx proposalInput(ByteString i) { proposalInput = i; return this; }

    /** The signed proposal response payload an endorser would return for this transaction. */
    public Envelope build() {
        SignatureHeader shdr = SignatureHeader.newBuilder().setCreator(creator.serialize()).setNonce(Envelopes.nonce())
                .build();
        ChaincodeHeaderExtension.Builder ext = ChaincodeHeaderExtension.newBuilder();
        if (headerChaincodeId) {
            ext.setChaincodeId(ChaincodeID.newBuilder().setName(chaincode));
        }
        ChannelHeader.Builder chdr = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(channel).setTimestamp(Envelopes.now())
                .setTxId(TxIds.compute(shdr.getNonce(), shdr.getCreator()))
                .setExtension(headerExtension != null ? headerExtension : ext.build().toByteString());
        ByteString chdrBytes = editHeader.apply(chdr).build().toByteString();
        ByteString shdrBytes = shdr.toByteString();
        ByteString ccpp = ChaincodeProposalPayload.newBuilder().setInput(proposalInput).build().toByteString();
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(rawResults != null ? rawResults : results.toByteString()).setEvents(events)
                .setResponse(Response.newBuilder().setStatus(200));
        if (actionChaincodeId) {
            action.setChaincodeId(ChaincodeID.newBuilder().setName(actionChaincode != null ? actionChaincode : chaincode)
                    .setVersion(version));
        }
        ByteString prp = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFrom(Hashing.sha256(chdrBytes, shdrBytes, ccpp)))
                .setExtension(responseExtension != null ? responseExtension : action.build().toByteString()).build()
                .toByteString();
        ChaincodeEndorsedAction.Builder endorsed = ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(prp);
        for (MspSigningIdentity e : endorsers) {
            endorsed.addEndorsements(endorsement(prp, e));
        }
        endorsed.addAllEndorsements(extraEndorsements);
        ChaincodeActionPayload cap = ChaincodeActionPayload.newBuilder().setChaincodeProposalPayload(ccpp)
                .setAction(endorsed).build();
        Transaction tx = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder().setHeader(shdrBytes).setPayload(cap.toByteString())).build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(chdrBytes).setSignatureHeader(shdrBytes))
                .setData(tx.toByteString()).build();
        ByteString bytes = payload.toByteString();
        return Envelope.newBuilder().setPayload(bytes)
                .setSignature(ByteString.copyFrom(creator.sign(bytes.toByteArray()))).build();
    }

    public static Endorsement endorsement(ByteString prp, MspSigningIdentity endorser) {
        ByteString id = endorser.serialize();
        return Endorsement.newBuilder().setEndorser(id)
                .setSignature(ByteString.copyFrom(endorser.sign(prp.concat(id).toByteArray()))).build();
    }
}
