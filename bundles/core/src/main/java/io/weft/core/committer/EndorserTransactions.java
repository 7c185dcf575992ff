package io.weft.core.committer;

import java.security.MessageDigest;

import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.protoutil.Hashing;
import io.weft.protoutil.Protos;

/**
 * Fabric's {@code validateEndorserTransaction}: exactly one action, a valid action signature header, and the
 * endorsed proposal hash equal to the hash of the channel header, the action's signature header and the
 * chaincode proposal payload carried in the transaction.
 */
final class EndorserTransactions {

    private EndorserTransactions() {
    }

    static TxCheck.EndorsedParts check(ByteString data, Header header) throws TxCheckFailure {
        Transaction tx;
        ChaincodeActionPayload cap;
        ProposalResponsePayload prp;
        try {
            tx = Protos.parse(Transaction.parser(), data);
            if (tx.getActionsCount() != 1) {
                throw new TxCheckFailure(
                        "only one action per transaction is supported, tx contains " + tx.getActionsCount());
            }
            TransactionAction action = tx.getActions(0);
            CommonHeaders.checkSignatureHeader(CommonHeaders.parseSignatureHeader(action.getHeader()));
            cap = Protos.parse(ChaincodeActionPayload.parser(), action.getPayload());
            // Fabric dereferences the action unchecked; a missing one yields an empty proposal hash here
            prp = Protos.parse(ProposalResponsePayload.parser(), cap.getAction().getProposalResponsePayload());
            ByteString ccpp = cap.getChaincodeProposalPayload();
            if (header.getChannelHeader().isEmpty() || action.getHeader().isEmpty() || ccpp.isEmpty()) {
                throw new TxCheckFailure("nil arguments");
            }
            byte[] hash = Hashing.sha256(header.getChannelHeader(), action.getHeader(), ccpp);
            if (!MessageDigest.isEqual(hash, prp.getProposalHash().toByteArray())) {
                throw new TxCheckFailure("proposal hash does not match");
            }
            return new TxCheck.EndorsedParts(cap, prp);
        } catch (InvalidProtocolBufferException e) {
            throw new TxCheckFailure(e.getMessage());
        }
    }
}
