package io.weft.core.committer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.api.channel.ChannelView;
import io.weft.ledger.KvLedger;
import io.weft.protoutil.BlockHashes;

/** A joined channel as system chaincodes read it (qscc, cscc): chain info, blocks, transactions, config. */
class LedgerChannelViewTest {

    @TempDir
    Path dir;

    private CommitterTestBed bed;

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    @Test
    void readsBlocksTransactionsAndTheConfigInForce() throws Exception {
        bed = new CommitterTestBed(dir);
        KvLedger ledger = bed.ledger("l");
        BlockCommitter committer = bed.committer(ledger, 2);
        Envelope good = bed.writes(CommitterTestBed.write("a", "1"));
        Envelope unendorsed = bed.fx.tx().chaincode(CommitterTestBed.CC).results(CommitterTestBed.rw(
                org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet.newBuilder()
                        .addWrites(CommitterTestBed.write("b", "2")).build())).build();
        Block block2 = committer.commit(bed.next(ledger, good, unendorsed)).block();

        ChannelView view = new LedgerChannelView(ledger, committer.channel());
        assertThat(view.channelId()).isEqualTo("mychannel");
        assertThat(view.info().getHeight()).isEqualTo(3);
        assertThat(view.info().getCurrentBlockHash())
                .isEqualTo(ByteString.copyFrom(BlockHashes.headerHash(block2.getHeader())));
        assertThat(view.blockByNumber(2)).hasValue(block2);
        assertThat(view.blockByNumber(3)).isEmpty();
        assertThat(view.blockByHash(ByteString.copyFrom(BlockHashes.headerHash(block2.getHeader())))).hasValue(block2);
        String goodId = CommitterTestBed.txId(good);
        assertThat(view.blockByTxId(goodId)).hasValue(block2);
        ProcessedTransaction processed = view.transactionById(CommitterTestBed.txId(unendorsed)).orElseThrow();
        assertThat(processed.getTransactionEnvelope()).isEqualTo(unendorsed);
        assertThat(processed.getValidationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE_VALUE);
        assertThat(view.transactionById("nope")).isEmpty();
        // the orderer's metadata in every block names block 0 as the config in force
        assertThat(view.configBlock()).isEqualTo(ledger.blocks().blockByNumber(0).orElseThrow());
        assertThat(view.config()).isEqualTo(committer.channel().config().config());

        // committed state, read-only: the valid transaction's write, not the refused one's
        ByteString a = view.readCommitted(CommitterTestBed.CC, state -> state.getState("a"));
        assertThat(a).isEqualTo(ByteString.copyFromUtf8("1"));
        ByteString b = view.readCommitted(CommitterTestBed.CC, state -> state.getState("b"));
        assertThat(b).isNull();
        assertThat(view.readCommitted(CommitterTestBed.CC, state -> state.getStateByRange("", "")).keySet())
                .containsExactly("a");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> view.readCommitted(CommitterTestBed.CC, state -> {
            state.putState("c", ByteString.EMPTY);
            return null;
        })).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("read-only");
    }
}
