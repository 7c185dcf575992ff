package io.weft.ledger.txmgr;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;

import io.weft.ledger.LedgerException;
import io.weft.protoutil.Protos;
import io.weft.protoutil.TxIds;

/** Reads the parts of a block's transactions that state and history need, as Fabric's protoutil does. */
public final class EndorserTransactions {

    /** A transaction's payload and channel header. */
    public record Parsed(Payload payload, ChannelHeader channelHeader) {

        /** The id in the channel header, or the one computed from the signature header when it is empty. */
        public String txId() {
            try {
                return TxIds.fromHeaders(channelHeader, payload.getHeader().getSignatureHeader());
            } catch (InvalidProtocolBufferException e) {
                return "";
            }
        }

        public boolean isEndorserTransaction() {
            return channelHeader.getType() == HeaderType.ENDORSER_TRANSACTION_VALUE;
        }

        /** The chaincode action of the first transaction action (where the read-write set is). */
        public ChaincodeAction chaincodeAction() {
            try {
                Transaction tx = Protos.parse(Transaction.parser(), payload.getData());
                if (tx.getActionsCount() == 0) {
                    throw new LedgerException("at least one TransactionAction required");
                }
                ChaincodeActionPayload cap = Protos.parse(ChaincodeActionPayload.parser(),
                        tx.getActions(0).getPayload());
                if (!cap.hasAction() || cap.getAction().getProposalResponsePayload().isEmpty()) {
                    throw new LedgerException("no payload in ChaincodeActionPayload");
                }
                ProposalResponsePayload prp = Protos.parse(ProposalResponsePayload.parser(),
                        cap.getAction().getProposalResponsePayload());
                if (prp.getExtension().isEmpty()) {
                    throw new LedgerException("response payload is missing extension");
                }
                return Protos.parse(ChaincodeAction.parser(), prp.getExtension());
            } catch (InvalidProtocolBufferException e) {
                throw new LedgerException("error unmarshalling chaincode action: " + e.getMessage(), e);
            }
        }
    }

    private EndorserTransactions() {
    }

    public static Parsed parse(ByteString envelopeBytes) {
        try {
            return parse(Protos.parse(Envelope.parser(), envelopeBytes));
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("error unmarshalling Envelope: " + e.getMessage(), e);
        }
    }

    public static Parsed parse(Envelope envelope) {
        try {
            Payload payload = Protos.parse(Payload.parser(), envelope.getPayload());
            ChannelHeader chdr = Protos.parse(ChannelHeader.parser(), payload.getHeader().getChannelHeader());
            return new Parsed(payload, chdr);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("error unmarshalling Payload: " + e.getMessage(), e);
        }
    }
}
