package io.weft.core.committer;

import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.ledger.LedgerException;
import io.weft.ledger.txmgr.TxRwSet;
import io.weft.protoutil.Protos;

/**
 * What both of Fabric's validators (v1.4 and v2.0) parse of an endorser transaction before judging it: the header
 * extension, the endorsed action and its read-write set; or the outcome of the first that does not parse.
 */
record ParsedAction(ChaincodeHeaderExtension ext, ChaincodeAction action, TxRwSet rwset, EndorserTxOutcome failure) {

    static ParsedAction of(TxCheck tx) {
        ChaincodeHeaderExtension ext;
        try {
            ext = Protos.parse(ChaincodeHeaderExtension.parser(), tx.channelHeader().getExtension());
        } catch (InvalidProtocolBufferException e) {
            return failed(EndorserTxOutcome.invalid(TxValidationCode.BAD_HEADER_EXTENSION, e.getMessage()));
        }
        ChaincodeActionPayload cap = tx.endorsed().actionPayload();
        ChaincodeAction action;
        try {
            if (!cap.hasAction() || cap.getAction().getProposalResponsePayload().isEmpty()) {
                throw new InvalidProtocolBufferException("no payload in ChaincodeActionPayload");
            }
            if (tx.endorsed().responsePayload().getExtension().isEmpty()) {
                throw new InvalidProtocolBufferException("response payload is missing extension");
            }
            action = Protos.parse(ChaincodeAction.parser(), tx.endorsed().responsePayload().getExtension());
        } catch (InvalidProtocolBufferException e) {
            return failed(EndorserTxOutcome.invalid(TxValidationCode.BAD_RESPONSE_PAYLOAD,
                    "GetActionFromEnvelope failed: " + e.getMessage()));
        }
        TxRwSet rwset;
        try {
            rwset = TxRwSet.parse(action.getResults());
        } catch (LedgerException e) {
            return failed(EndorserTxOutcome.invalid(TxValidationCode.BAD_RWSET,
                    "txRWSet.FromProtoBytes failed: " + e.getMessage()));
        }
        return new ParsedAction(ext, action, rwset, null);
    }

    private static ParsedAction failed(EndorserTxOutcome outcome) {
        return new ParsedAction(null, null, null, outcome);
    }
}
