package io.weft.core.committer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
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
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.ledger.validation.CommitHash;
import io.weft.storage.leveldb.LevelDbStorageComponent;
import io.weft.storage.memory.MemoryStorageComponent;

class BlockCommitterTest {

    private static final String CC = "mycc";

    @TempDir
    Path dir;

    private CommitterFixtures fx;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final TestPluginSource plugins = new TestPluginSource();
    /** Block 1 of every ledger: mycc defined with any org's peer as its endorsement policy. */
    private Envelope definition;

    @BeforeEach
    void setUp() throws Exception {
        fx = CommitterFixtures.get();
        definition = fx.defineChaincode(CC, CommitterFixtures.signaturePolicy("OR('Org1MSP.peer','Org2MSP.peer')"),
                CollectionConfigPackage.getDefaultInstance());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private KvLedger ledger(String backend, String name) throws IOException {
        StorageProvider storage = StorageProvider.MEMORY.equals(backend) ? new MemoryStorageComponent()
                : new LevelDbStorageComponent();
        LedgerProvider provider = LedgerProvider.open(new LedgerLayout(dir.resolve(name)), storage,
                LedgerConfig.defaults());
        open.add(provider);
        KvLedger ledger = provider.create(fx.genesis);
        try (BlockCommitter c = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger, plugins, 1)) {
            assertThat(c.commit(next(ledger, definition)).codes()).containsExactly(TxValidationCode.VALID);
        } catch (Exception e) {
            throw new IOException(e);
        }
        return ledger;
    }

    private BlockCommitter committer(KvLedger ledger, int poolSize) throws Exception {
        BlockCommitter c = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger, plugins, poolSize);
        open.add(c);
        return c;
    }

    private Block next(KvLedger ledger, Envelope... txs) {
        ByteString[] data = new ByteString[txs.length];
        for (int i = 0; i < txs.length; i++) {
            data[i] = txs[i].toByteString();
        }
        return nextOf(ledger, data);
    }

    private Block nextOf(KvLedger ledger, ByteString... data) {
        return CommitterFixtures.block(ledger.height(), ledger.info().getCurrentBlockHash().toByteArray(),
                fx.orderer, data);
    }

    private static TxReadWriteSet rw(KVRWSet kv) {
        return TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(CC).setRwset(kv.toByteString())).build();
    }

    private static KVWrite write(String key, String value) {
        return KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)).build();
    }

    private static KVRead read(String key, long block, long tx) {
        return KVRead.newBuilder().setKey(key).setVersion(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version
                .newBuilder().setBlockNum(block).setTxNum(tx)).build();
    }

    private Envelope writes(KVWrite... w) {
        return fx.tx().chaincode(CC).results(rw(KVRWSet.newBuilder().addAllWrites(List.of(w)).build()))
                .endorsedBy(fx.peer1).build();
    }

    /** A writer no peer endorsed: the chaincode's policy refuses it. */
    private Envelope unendorsedWrites(KVWrite... w) {
        return fx.tx().chaincode(CC).results(rw(KVRWSet.newBuilder().addAllWrites(List.of(w)).build())).build();
    }

    private Envelope readWrite(KVRead r, KVWrite w) {
        return fx.tx().chaincode(CC).results(rw(KVRWSet.newBuilder().addReads(r).addWrites(w).build()))
                .endorsedBy(fx.peer2).build();
    }

    private static String txId(Envelope env) throws Exception {
        return ChannelHeader.parseFrom(Payload.parseFrom(env.getPayload()).getHeader().getChannelHeader()).getTxId();
    }

    private static List<TxValidationCode> filter(Block block) {
        ByteString f = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        List<TxValidationCode> codes = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            codes.add(TxValidationCode.forNumber(f.byteAt(i)));
        }
        return codes;
    }

    private static ByteString state(KvLedger ledger, String key) {
        QueryExecutor q = ledger.newQueryExecutor("q");
        try {
            return q.getState(CC, key);
        } finally {
            q.done();
        }
    }

    private static byte[] commitHashOf(Block block) throws Exception {
        return Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE)).getValue()
                .toByteArray();
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
    void parallelValidationGivesTheSameBlocksAsSequential() throws Exception {
        KvLedger sequential = ledger(StorageProvider.MEMORY, "seq");
        KvLedger parallel = ledger(StorageProvider.MEMORY, "par");
        BlockCommitter one = committer(sequential, 1);
        BlockCommitter many = committer(parallel, 8);
        Random random = new Random(42);
        List<Envelope> earlier = new ArrayList<>(); // plain writers, repeated in this block or later ones
        for (int b = 0; b < 3; b++) {
            List<ByteString> data = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String key = "k" + random.nextInt(6);
                Envelope tx = switch (random.nextInt(7)) {
                    case 0 -> {
                        Envelope e = writes(write(key, "v" + i));
                        earlier.add(e);
                        yield e;
                    }
                    case 1 -> readWrite(read(key, random.nextInt(b + 1) + 1, random.nextInt(3)), write(key, "r" + i));
                    case 2 -> writes(write(key, "s" + i)).toBuilder().setSignature(ByteString.copyFromUtf8("x")).build();
                    case 3 -> unendorsedWrites(write(key, "e" + i));
                    case 4 -> earlier.isEmpty() ? writes(write(key, "w" + i)) : earlier.get(random.nextInt(earlier.size()));
                    case 5 -> fx.endorserTx(CommitterFixtures.CHANNEL);
                    default -> readWrite(KVRead.newBuilder().setKey("absent" + random.nextInt(3)).build(),
                            write("absent" + random.nextInt(3), "n" + i));
                };
                if (random.nextInt(15) == 0) { // a payload that does not parse
                    tx = Envelope.newBuilder().setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff}))
                            .setSignature(ByteString.copyFromUtf8("s")).build();
                }
                data.add(tx.toByteString());
            }
            ByteString[] txs = data.toArray(ByteString[]::new);
            Block s = one.commit(nextOf(sequential, txs)).block();
            Block p = many.commit(nextOf(parallel, txs)).block();
            assertThat(filter(p)).isEqualTo(filter(s));
            assertThat(filter(s)).contains(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT,
                    TxValidationCode.BAD_CREATOR_SIGNATURE, TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                    TxValidationCode.DUPLICATE_TXID, TxValidationCode.BAD_RESPONSE_PAYLOAD);
            assertThat(commitHashOf(p)).isEqualTo(commitHashOf(s));
        }
        for (int k = 0; k < 6; k++) {
            assertThat(state(parallel, "k" + k)).isEqualTo(state(sequential, "k" + k));
        }
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
