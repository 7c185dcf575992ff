package io.weft.core.committer;

import static io.weft.core.committer.CommitterTestBed.commitHashOf;
import static io.weft.core.committer.CommitterTestBed.filter;
import static io.weft.core.committer.CommitterTestBed.read;
import static io.weft.core.committer.CommitterTestBed.rw;
import static io.weft.core.committer.CommitterTestBed.txId;
import static io.weft.core.committer.CommitterTestBed.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.protobuf.ByteString;

import io.weft.api.storage.StorageProvider;
import io.weft.ledger.KvLedger;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;
import io.weft.ledger.validation.CommitHash;

/**
 * The committer end to end on one channel: filter, state and chained commit hash on both backends, MVCC inside a
 * block, duplicate txids, and a forged orderer signature committing nothing. The codes of every kind of bad
 * transaction are in {@link ValidationCodesTest}; parallel against sequential in {@link ParallelValidationTest}.
 */
class BlockCommitterTest {

    private static final String CC = CommitterTestBed.CC;

    @TempDir
    Path dir;

    private CommitterTestBed bed;
    private CommitterFixtures fx;

    @BeforeEach
    void setUp() throws Exception {
        bed = new CommitterTestBed(dir);
        fx = bed.fx;
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    private KvLedger ledger(String backend, String name) throws Exception {
        return bed.ledger(backend, name, Map.of(CC, CommitterFixtures.signaturePolicy(CommitterTestBed.ANY_PEER)),
                CollectionConfigPackage.getDefaultInstance());
    }

    private BlockCommitter committer(KvLedger ledger, int poolSize) throws Exception {
        return bed.committer(ledger, poolSize);
    }

    private Block next(KvLedger ledger, Envelope... txs) {
        return bed.next(ledger, txs);
    }

    private Envelope writes(KVWrite... w) {
        return bed.writes(w);
    }

    /** A writer no peer endorsed: the chaincode's policy refuses it. */
    private Envelope unendorsedWrites(KVWrite... w) {
        return fx.tx().chaincode(CC).results(rw(KVRWSet.newBuilder().addAllWrites(List.of(w)).build())).build();
    }

    private Envelope readWrite(KVRead r, KVWrite w) {
        return fx.tx().chaincode(CC).results(rw(KVRWSet.newBuilder().addReads(r).addWrites(w).build()))
                .endorsedBy(fx.peer2).build();
    }

    private static ByteString state(KvLedger ledger, String key) {
        return CommitterTestBed.state(ledger, CC, key);
    }

    @ParameterizedTest
    @ValueSource(strings = {StorageProvider.MEMORY, StorageProvider.LEVELDB})
    void commitsABlockWithItsFilterStateAndChainedCommitHash(String backend) throws Exception {
        KvLedger ledger = ledger(backend, "l");
        BlockCommitter committer = committer(ledger, 4);
        Envelope refused = unendorsedWrites(write("c", "3"));
        Envelope badSig = writes(write("d", "4")).toBuilder().setSignature(ByteString.copyFromUtf8("forged")).build();
        Envelope noAction = fx.endorserTx(CommitterFixtures.CHANNEL); // its extension is not a ChaincodeAction
        byte[] previousHash = committer.commitHash();

        Block committed = committer.commit(next(ledger, writes(write("a", "1")), refused, badSig, noAction,
                writes(write("b", "2")))).block();

        assertThat(filter(committed)).containsExactly(TxValidationCode.VALID,
                TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.BAD_CREATOR_SIGNATURE,
                TxValidationCode.BAD_RESPONSE_PAYLOAD, TxValidationCode.VALID);
        assertThat(ledger.height()).isEqualTo(3);
        assertThat(ledger.stateHeight()).isEqualTo(3);
        assertThat(ledger.blocks().blockByNumber(2)).hasValue(committed);
        assertThat(state(ledger, "a")).isEqualTo(ByteString.copyFromUtf8("1"));
        assertThat(state(ledger, "b")).isEqualTo(ByteString.copyFromUtf8("2"));
        assertThat(state(ledger, "c")).isNull();
        assertThat(state(ledger, "d")).isNull();
        assertThat(ledger.blocks().txStatus(txId(refused)).orElseThrow().validationCode())
                .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE_VALUE);

        UpdateBatch expected = new UpdateBatch();
        expected.put(CC, "a", ByteString.copyFromUtf8("1"), ByteString.EMPTY, new Version(2, 0));
        expected.put(CC, "b", ByteString.copyFromUtf8("2"), ByteString.EMPTY, new Version(2, 4));
        ByteString flags = committed.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        byte[] hash1 = CommitHash.compute(flags, CommitHash.updateBytes(expected), previousHash);
        assertThat(commitHashOf(committed)).isEqualTo(hash1);

        // block 3 chains on block 2's hash, also for a committer that starts from the stored chain
        committer.close();
        Block second = committer(ledger, 1).commit(next(ledger, writes(write("a", "9")))).block();
        UpdateBatch expected2 = new UpdateBatch();
        expected2.put(CC, "a", ByteString.copyFromUtf8("9"), ByteString.EMPTY, new Version(3, 0));
        assertThat(commitHashOf(second)).isEqualTo(CommitHash.compute(
                second.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE),
                CommitHash.updateBytes(expected2), hash1));
        assertThat(state(ledger, "a")).isEqualTo(ByteString.copyFromUtf8("9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {StorageProvider.MEMORY, StorageProvider.LEVELDB})
    void anMvccConflictInsideABlockInvalidatesTheLaterReader(String backend) throws Exception {
        KvLedger ledger = ledger(backend, "l");
        BlockCommitter committer = committer(ledger, 4);
        committer.commit(next(ledger, writes(write("k", "v1"))));

        Block b2 = committer.commit(next(ledger,
                readWrite(read("k", 2, 0), write("k", "v2")),
                readWrite(read("k", 2, 0), write("k", "v3")), // k was written by the tx before
                readWrite(read("k", 0, 5), write("x", "y")))).block(); // stale version
        assertThat(filter(b2)).containsExactly(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT,
                TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(state(ledger, "k")).isEqualTo(ByteString.copyFromUtf8("v2"));
        assertThat(state(ledger, "x")).isNull();

        // the winner's write has version (3,0)
        Block b3 = committer.commit(next(ledger, readWrite(read("k", 3, 0), write("k", "v4")))).block();
        assertThat(filter(b3)).containsExactly(TxValidationCode.VALID);
    }

    @Test
    void aRepeatedTxIdIsADuplicateInTheBlockAndInLaterBlocks() throws Exception {
        KvLedger ledger = ledger(StorageProvider.MEMORY, "l");
        BlockCommitter committer = committer(ledger, 4);
        Envelope tx = writes(write("a", "1"));
        Envelope refused = unendorsedWrites(write("b", "1"));

        Block b1 = committer.commit(next(ledger, refused, tx, tx, refused)).block();
        // an invalid occurrence neither counts as the first one nor is marked itself
        assertThat(filter(b1)).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID,
                TxValidationCode.DUPLICATE_TXID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE);

        Block b2 = committer.commit(next(ledger, tx, writes(write("c", "1")))).block();
        assertThat(filter(b2)).containsExactly(TxValidationCode.DUPLICATE_TXID, TxValidationCode.VALID);
        assertThat(ledger.blocks().txStatus(txId(tx)).orElseThrow().blockNumber()).isEqualTo(2);
    }

    @Test
    void aBlockWithABadOrdererSignatureIsRefusedAndNothingIsCommitted() throws Exception {
        KvLedger ledger = ledger(StorageProvider.LEVELDB, "l");
        BlockCommitter committer = committer(ledger, 4);
        Envelope tx = writes(write("a", "1"));
        Block forged = CommitterFixtures.block(ledger.height(), ledger.info().getCurrentBlockHash().toByteArray(), fx.user1,
                tx.toByteString());

        assertThatThrownBy(() -> committer.commit(forged)).isInstanceOf(BlockVerificationException.class)
                .hasMessageStartingWith("implicit policy evaluation failed");
        assertThat(ledger.height()).isEqualTo(2);
        assertThat(ledger.stateHeight()).isEqualTo(2);
        assertThat(state(ledger, "a")).isNull();
        assertThat(ledger.blocks().txExists(txId(tx))).isFalse();

        // the same transaction in a properly signed block still commits
        assertThat(filter(committer.commit(next(ledger, tx)).block())).containsExactly(TxValidationCode.VALID);
        assertThat(state(ledger, "a")).isEqualTo(ByteString.copyFromUtf8("1"));
    }
}
