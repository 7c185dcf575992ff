package io.weft.runtime.it;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

import io.weft.protoutil.BlockHashes;

/** Validated blocks of endorser transactions on mychannel, chained after Fabric's genesis block. */
final class EndorserBlocks {

    private EndorserBlocks() {
    }

    /** Blocks 1..n; block i holds one valid transaction writing {@code counter = i} and {@code k<i> = v<i>} in {@code cc}. */
    static List<Block> after(Block genesis, int n) {
        List<Block> blocks = new ArrayList<>();
        Block previous = genesis;
        for (int i = 1; i <= n; i++) {
            previous = block(previous, tx("tx" + i, write("counter", String.valueOf(i), "k" + i, "v" + i)));
            blocks.add(previous);
        }
        return blocks;
    }

    private static TxReadWriteSet write(String... keyValues) {
        KVRWSet.Builder kv = KVRWSet.newBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            kv.addWrites(KVWrite.newBuilder().setKey(keyValues[i]).setValue(ByteString.copyFromUtf8(keyValues[i + 1])));
        }
        return TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace("cc").setRwset(kv.build().toByteString())).build();
    }

    private static Envelope tx(String txId, TxReadWriteSet rwset) {
        ChaincodeAction action = ChaincodeAction.newBuilder().setResults(rwset.toByteString()).build();
        ProposalResponsePayload response = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFromUtf8(txId)).setExtension(action.toByteString()).build();
        ChaincodeActionPayload payload = ChaincodeActionPayload.newBuilder().setAction(ChaincodeEndorsedAction.newBuilder()
                .setProposalResponsePayload(response.toByteString())).build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder().setPayload(payload.toByteString())).build();
        ChannelHeader header = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId("mychannel").setTxId(txId).setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000L))
                .build();
        return Envelope.newBuilder().setPayload(Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(header.toByteString()))
                .setData(transaction.toByteString()).build().toByteString())
                .setSignature(ByteString.copyFromUtf8("not checked by the ledger")).build();
    }

    private static Block block(Block previous, Envelope tx) {
        BlockData data = BlockData.newBuilder().addData(tx.toByteString()).build();
        BlockHeader header = BlockHeader.newBuilder().setNumber(previous.getHeader().getNumber() + 1)
                .setPreviousHash(ByteString.copyFrom(BlockHashes.headerHash(previous.getHeader())))
                .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(data))).build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < 5; i++) {
            // TRANSACTIONS_FILTER (index 2): one VALID (0) code per transaction
            metadata.addMetadata(i == 2 ? ByteString.copyFrom(new byte[1]) : ByteString.EMPTY);
        }
        return Block.newBuilder().setHeader(header).setData(data).setMetadata(metadata).build();
    }
}
