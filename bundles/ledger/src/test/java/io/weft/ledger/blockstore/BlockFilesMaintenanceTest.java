package io.weft.ledger.blockstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.weft.api.storage.KeyValueStore;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.testing.TestStores;

import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockFilesMaintenanceTest {

    @TempDir
    Path tmp;

    private List<Block> writeChain(Path dir, int count) throws Exception {
        List<Block> blocks = new ArrayList<>();
        blocks.add(TestBlocks.genesis());
        while (blocks.size() < count) {
            blocks.add(TestBlocks.next(blocks.get(blocks.size() - 1), 2, 400));
        }
        try (KeyValueStore kv = TestStores.open("leveldb", tmp.resolve("index"));
                BlockStore store = BlockStore.open(dir, new DbHandle(kv, "ch"), 4096)) {
            for (Block b : blocks) {
                store.append(b);
            }
        }
        return blocks;
    }

    /** Drops the channel's index, as the offline commands do, and opens the store again. */
    private BlockStore reopen(Path dir, KeyValueStore kv) throws Exception {
        DbHandle index = new DbHandle(kv, "ch");
        index.deleteAll();
        assertThat(index.isEmpty()).isTrue();
        return BlockStore.open(dir, index, 4096);
    }

    @Test
    void rollbackCutsAfterTheTargetAndRemembersTheHeight() throws Exception {
        Path dir = tmp.resolve("chains/chains/ch");
        List<Block> blocks = writeChain(dir, 25);
        assertThatThrownBy(() -> BlockFilesMaintenance.truncateAfter(dir, 24))
                .hasMessage("target block number [24] should be less than the biggest block number [24]");
        BlockFilesMaintenance.truncateAfter(dir, 9);
        assertThat(BlockFilesMaintenance.preResetHeight(dir)).hasValue(25);
        try (KeyValueStore kv = TestStores.open("leveldb", tmp.resolve("index")); BlockStore store = reopen(dir, kv)) {
            assertThat(store.height()).isEqualTo(10);
            assertThat(store.blockByNumber(9)).contains(blocks.get(9));
            assertThat(store.blockByTxId("tx12-0")).isEmpty();
            store.append(blocks.get(10));
        }
        // a later reset keeps the greater height recorded first
        BlockFilesMaintenance.resetToGenesis(dir);
        assertThat(BlockFilesMaintenance.preResetHeight(dir)).hasValue(25);
        try (KeyValueStore kv = TestStores.open("leveldb", tmp.resolve("index")); BlockStore store = reopen(dir, kv)) {
            assertThat(store.height()).isEqualTo(1);
            assertThat(store.blockByNumber(0)).contains(blocks.get(0));
        }
        assertThat(BlockFileScan.blockFiles(dir)).hasSize(1);
        BlockFilesMaintenance.clearPreResetHeight(dir);
        assertThat(BlockFilesMaintenance.preResetHeight(dir)).isEmpty();
    }
}
