package io.weft.ledger.txmgr;

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

/** Endorser transactions carrying given read-write sets, and blocks of them, for state and history tests. */
public final class TestTransactions {

    private TestTransactions() {
    }

    /** A read-write set with one namespace's writes ({@code key, value} pairs; a null value is a delete). */
    public static TxReadWriteSet writes(String ns, String... keyValues) {
        KVRWSet.Builder kv = KVRWSet.newBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            String v = keyValues[i + 1];
            kv.addWrites(KVWrite.newBuilder().setKey(keyValues[i]).setIsDelete(v == null)
                    .setValue(v == null ? ByteString.EMPTY : ByteString.copyFromUtf8(v)));
        }
        return TxReadWriteSet.newBuilder().addNsRwset(NsReadWriteSet.newBuilder().setNamespace(ns)
                .setRwset(kv.build().toByteString())).build();
    }

    public static Envelope endorserTx(String txId, long seconds, TxReadWriteSet rwset) {
        return tx(HeaderType.ENDORSER_TRANSACTION_VALUE, txId, seconds, rwset);
    }

    public static Envelope tx(int type, String txId, long seconds, TxReadWriteSet rwset) {
        ChaincodeAction action = ChaincodeAction.newBuilder().setResults(rwset.toByteString()).build();
        ProposalResponsePayload prp = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFromUtf8("hash")).setExtension(action.toByteString()).build();
        ChaincodeActionPayload cap = ChaincodeActionPayload.newBuilder()
                .setAction(ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(prp.toByteString())).build();
        Transaction tx = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder().setPayload(cap.toByteString())).build();
        ChannelHeader ch = ChannelHeader.newBuilder().setType(type).setChannelId("mychannel").setTxId(txId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(seconds)).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(ch.toByteString()))
                .setData(tx.toByteString()).build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).setSignature(ByteString.copyFromUtf8("sig"))
                .build();
    }

    /** The block after {@code previous} with these transactions and validation codes (0 = VALID). */
    public static Block block(Block previous, List<Envelope> txs, byte... codes) {
        BlockData.Builder data = BlockData.newBuilder();
        txs.forEach(e -> data.addData(e.toByteString()));
        BlockData built = data.build();
        BlockHeader header = BlockHeader.newBuilder().setNumber(previous.getHeader().getNumber() + 1)
                .setPreviousHash(ByteString.copyFrom(BlockHashes.headerHash(previous.getHeader())))
                .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(built))).build();
        BlockMetadata.Builder md = BlockMetadata.newBuilder();
        for (int i = 0; i < 5; i++) {
            md.addMetadata(i == 2 ? ByteString.copyFrom(codes) : ByteString.EMPTY);
        }
        return Block.newBuilder().setHeader(header).setData(built).setMetadata(md).build();
    }
}
