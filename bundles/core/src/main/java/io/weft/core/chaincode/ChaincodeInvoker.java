package io.weft.core.chaincode;

import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import io.weft.ledger.history.HistoryQueryExecutor;
import io.weft.ledger.txmgr.TxSimulator;

/**
 * Fabric's invoker of chaincode-to-chaincode calls: runs chaincode {@code name} on {@code targetChannel} within the
 * calling transaction — on the caller's simulator when the channel is the caller's, else on a simulator of the
 * target channel, whose writes are dropped — after the {@code peer/ChaincodeToChaincode} ACL.
 */
@FunctionalInterface
public interface ChaincodeInvoker {

    /**
     * @return the callee's COMPLETED or ERROR message
     * @throws ChaincodeException with Fabric's message when the call cannot be made
     */
    ChaincodeMessage invoke(String callerChannel, String targetChannel, String txId, String name, ChaincodeInput input,
            SignedProposal proposal, TxSimulator callerSimulator, HistoryQueryExecutor callerHistory);
}
