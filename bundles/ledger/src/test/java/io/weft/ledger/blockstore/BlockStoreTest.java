package io.weft.ledger.blockstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;

import io.weft.api.storage.KeyValueStore;
import io.weft.ledger.LedgerException;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.testing.TestStores;
import io.weft.protoutil.BlockHashes;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockStoreTest {

    @TempDir
    Path tmp;

    private static List<Block> chain(int count, int txs) throws Exception {
        List<Block> blocks = new ArrayList<>();
        blocks.add(TestBlocks.genesis());
        while (blocks.size() < count) {
            blocks.add(TestBlocks.next(blocks.get(blocks.size() - 1), txs, 300));
        }
        return blocks;
    }

    private BlockStore open(KeyValueStore kv, long maxFileSize) throws Exception {
        return BlockStore.open(tmp.resolve("chains/chains/mychannel"), new DbHandle(kv, "mychannel"), maxFileSize);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void roundTripAndLookups(String backend) throws Exception {
        List<Block> blocks = chain(30, 3);
        try (KeyValueStore kv = TestStores.open(backend, tmp.resolve("index")); BlockStore store = open(kv, 4096)) {
            for (Block b : blocks) {
                store.append(b);
            }
            assertThat(store.height()).isEqualTo(30);
            assertThat(store.info().getCurrentBlockHash().toByteArray())
                    .isEqualTo(BlockHashes.headerHash(blocks.get(29).getHeader()));
            for (Block b : blocks) {
                long n = b.getHeader().getNumber();
                assertThat(store.blockByNumber(n)).contains(b);
                assertThat(store.blockByHash(BlockHashes.headerHash(b.getHeader()))).contains(b);
            }
            assertThat(store.blockByNumber(30)).isEmpty();
            assertThat(store.blockByTxId("tx7-2")).contains(blocks.get(7));
            assertThat(store.transactionById("tx7-2").orElseThrow().toByteString())
                    .isEqualTo(blocks.get(7).getData().getData(2));
            assertThat(store.transaction(7, 1).orElseThrow().toByteString())
                    .isEqualTo(blocks.get(7).getData().getData(1));
            assertThat(store.txStatus("tx7-2")).contains(new BlockStore.TxStatus(7, TxValidationCode.VALID_VALUE));
            assertThat(store.txExists("nope")).isFalse();
            // 4 KiB files: the store rolled over to new files
            assertThat(store.blockFiles().count()).isGreaterThan(3);
        }
        // every file follows Fabric's record format
        List<Block> read = new ArrayList<>();
        try (var files = Files.list(tmp.resolve("chains/chains/mychannel"))) {
            for (Path f : files.sorted().toList()) {
                read.addAll(SpecBlockFileReader.readAll(f));
            }
        }
        assertThat(read).isEqualTo(blocks);
    }

    @Test
    void validationCodesComeFromTheTransactionsFilterAndTheFirstOccurrenceWins() throws Exception {
        List<Block> blocks = chain(2, 2);
        Block one = blocks.get(1);
        byte[] filter = {(byte) TxValidationCode.MVCC_READ_CONFLICT_VALUE, 0};
        one = one.toBuilder().setMetadata(one.getMetadata().toBuilder()
                .setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.copyFrom(filter))).build();
        Block two = TestBlocks.next(one, 0, 0);
        // block 2 repeats tx1-0 (a duplicate the committer marks invalid)
        two = two.toBuilder().setData(two.getData().toBuilder().addData(one.getData().getData(0))).build();
        try (KeyValueStore kv = TestStores.open("memory", tmp.resolve("index")); BlockStore store = open(kv, 1 << 20)) {
            store.append(blocks.get(0));
            store.append(one);
            store.append(two);
            assertThat(store.txStatus("tx1-0")).contains(new BlockStore.TxStatus(1,
                    TxValidationCode.MVCC_READ_CONFLICT_VALUE));
            assertThat(store.blockByTxId("tx1-0").orElseThrow().getHeader().getNumber()).isEqualTo(1);
        }
    }

    @Test
    void outOfOrderAndForeignBlocksAreRefused() throws Exception {
        List<Block> blocks = chain(3, 1);
        try (KeyValueStore kv = TestStores.open("memory", tmp.resolve("index")); BlockStore store = open(kv, 1 << 20)) {
            store.append(blocks.get(0));
            assertThatThrownBy(() -> store.append(blocks.get(2)))
                    .isInstanceOf(LedgerException.class).hasMessage("block number should have been 1 but was 2");
            Block forged = blocks.get(1).toBuilder().setHeader(blocks.get(1).getHeader().toBuilder()
                    .setPreviousHash(ByteString.copyFrom(new byte[32]))).build();
            assertThatThrownBy(() -> store.append(forged)).isInstanceOf(LedgerException.class)
                    .hasMessageStartingWith("unexpected Previous block hash. Expected PreviousHash = [");
            store.append(blocks.get(1));
            assertThat(store.height()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void reopenCutsATornTailAndRebuildsAMissingIndex(String backend) throws Exception {
        List<Block> blocks = chain(12, 2);
        Path index = tmp.resolve("index");
        try (KeyValueStore kv = TestStores.open(backend, index); BlockStore store = open(kv, 1 << 20)) {
            for (Block b : blocks.subList(0, 10)) {
                store.append(b);
            }
        }
        // a crash in the middle of writing block 10: half a record at the end of the file
        Path file = BlockFiles.file(tmp.resolve("chains/chains/mychannel"), 0);
        byte[] half = BlockCodec.serialize(blocks.get(10)).bytes();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length());
            raf.write(BlockFileWriter.lengthPrefix(half));
            raf.write(half, 0, half.length / 2);
        }
        // the memory backend loses its index with the process: a fresh index is rebuilt from the files
        try (KeyValueStore kv = TestStores.open(backend, index); BlockStore store = open(kv, 1 << 20)) {
            assertThat(store.height()).isEqualTo(10);
            assertThat(store.blockByTxId("tx9-1")).contains(blocks.get(9));
            store.append(blocks.get(10));
            store.append(blocks.get(11));
        }
        try (KeyValueStore kv = TestStores.open("memory", tmp.resolve("fresh-index"));
                BlockStore store = open(kv, 1 << 20)) {
            assertThat(store.height()).isEqualTo(12);
            for (Block b : blocks) {
                assertThat(store.blockByNumber(b.getHeader().getNumber())).contains(b);
            }
        }
    }

    @Test
    void blocksWrittenAfterTheCheckpointAreRecovered() throws Exception {
        // the process died after the block was synced to its file but before the checkpoint was saved
        List<Block> blocks = chain(4, 1);
        Path index = tmp.resolve("index");
        try (KeyValueStore kv = TestStores.open("leveldb", index); BlockStore store = open(kv, 1 << 20)) {
            for (Block b : blocks.subList(0, 3)) {
                store.append(b);
            }
        }
        Path file = BlockFiles.file(tmp.resolve("chains/chains/mychannel"), 0);
        byte[] bytes = BlockCodec.serialize(blocks.get(3)).bytes();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length());
            raf.write(BlockFileWriter.lengthPrefix(bytes));
            raf.write(bytes);
        }
        try (KeyValueStore kv = TestStores.open("leveldb", index); BlockStore store = open(kv, 1 << 20)) {
            assertThat(store.height()).isEqualTo(4);
            assertThat(store.blockByTxId("tx3-0")).contains(blocks.get(3));
        }
    }

    @Test
    void iteratorWaitsForTheNextBlockAndEndsOnClose() throws Exception {
        List<Block> blocks = chain(3, 1);
        try (KeyValueStore kv = TestStores.open("memory", tmp.resolve("index")); BlockStore store = open(kv, 1 << 20)) {
            store.append(blocks.get(0));
            BlockIterator it = store.iterator(0);
            assertThat(it.next()).isEqualTo(blocks.get(0));
            CompletableFuture<Block> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return it.next();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            assertThat(waiting).isNotDone();
            store.append(blocks.get(1));
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(blocks.get(1));
            CompletableFuture<Block> ended = CompletableFuture.supplyAsync(() -> {
                try {
                    it.next();
                    return it.next();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            it.close();
            assertThat(ended.get(10, TimeUnit.SECONDS)).isNull();
        }
    }
}
