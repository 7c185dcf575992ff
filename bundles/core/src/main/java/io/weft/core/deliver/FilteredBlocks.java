package io.weft.core.deliver;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredChaincodeAction;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.FilteredTransactionActions;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.deliver.Unmarshal;

/**
 * Fabric's filtered block: per transaction its txid, header type and validation code (from the block's
 * TRANSACTIONS_FILTER), and for endorser transactions the chaincode events without their payloads. Valid and
 * invalid transactions alike; an envelope that does not parse is left out, a payload or header that does not parse
 * fails the whole block.
 */
final class FilteredBlocks {

    private static final Logger LOG = LoggerFactory.getLogger(FilteredBlocks.class);

    private FilteredBlocks() {
    }

    /** @throws InvalidProtocolBufferException with Fabric's message, when a transaction's content does not parse */
    static FilteredBlock of(Block block) throws InvalidProtocolBufferException {
        long number = block.getHeader().getNumber();
        FilteredBlock.Builder filtered = FilteredBlock.newBuilder().setNumber(number);
        ByteString flags = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) : ByteString.EMPTY;
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            Envelope envelope;
            try {
                envelope = Envelope.parseFrom(block.getData().getData(i));
            } catch (InvalidProtocolBufferException e) {
                LOG.error("error getting tx from block, {}", e.getMessage());
                continue;
            }
            Payload payload = Unmarshal.parse(() -> Payload.parseFrom(envelope.getPayload()),
                    "could not extract payload from envelope");
            if (!payload.hasHeader()) {
                LOG.debug("transaction payload header is nil, {}, block num {}", i, number);
                continue;
            }
            ChannelHeader chdr = Unmarshal.parse(() -> ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()),
                    "error unmarshalling ChannelHeader");
            filtered.setChannelId(chdr.getChannelId());
            int code = i < flags.size() ? flags.byteAt(i) & 0xff : 0;
            FilteredTransaction.Builder tx = FilteredTransaction.newBuilder().setTxid(chdr.getTxId())
                    .setTypeValue(chdr.getType()).setTxValidationCodeValue(code);
            if (chdr.getType() == HeaderType.ENDORSER_TRANSACTION_VALUE) {
                Transaction transaction = Unmarshal.parse(() -> Transaction.parseFrom(payload.getData()),
                        "error unmarshal transaction payload for block event");
                tx.setTransactionActions(actions(transaction));
            }
            filtered.addFilteredTransactions(tx);
        }
        return filtered.build();
    }

    /** The chaincode events of the transaction's actions, payload stripped; actions without an event add nothing. */
    private static FilteredTransactionActions actions(Transaction transaction) throws InvalidProtocolBufferException {
        FilteredTransactionActions.Builder actions = FilteredTransactionActions.newBuilder();
        for (TransactionAction action : transaction.getActionsList()) {
            ChaincodeActionPayload cap = Unmarshal.parse(() -> ChaincodeActionPayload.parseFrom(action.getPayload()),
                    "error unmarshal transaction action payload for block event");
            if (!cap.hasAction()) {
                continue;
            }
            ProposalResponsePayload prp = Unmarshal.parse(
                    () -> ProposalResponsePayload.parseFrom(cap.getAction().getProposalResponsePayload()),
                    "error unmarshal proposal response payload for block event");
            ChaincodeAction chaincodeAction = Unmarshal.parse(() -> ChaincodeAction.parseFrom(prp.getExtension()),
                    "error unmarshal chaincode action for block event");
            ChaincodeEvent event = Unmarshal.parse(() -> ChaincodeEvent.parseFrom(chaincodeAction.getEvents()),
                    "error unmarshal chaincode event for block event");
            if (!event.getChaincodeId().isEmpty()) {
                actions.addChaincodeActions(FilteredChaincodeAction.newBuilder().setChaincodeEvent(ChaincodeEvent
                        .newBuilder().setTxId(event.getTxId()).setChaincodeId(event.getChaincodeId())
                        .setEventName(event.getEventName())));
            }
        }
        return actions.build();
    }
}
