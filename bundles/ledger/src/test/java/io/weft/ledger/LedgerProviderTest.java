package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StorageProvider;
import io.weft.ledger.blockstore.BlockFilesMaintenance;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.testing.TestStores;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.ledger.txmgr.TestTransactions;
import io.weft.testing.FabricVectors;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import com.google.protobuf.ByteString;
import io.weft.ledger.txmgr.ConfigTransactions;
import io.weft.ledger.txmgr.QueryExecutor;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerProviderTest {

    @TempDir
    Path tmp;

    private LedgerLayout layout() {
        return new LedgerLayout(tmp);
    }

    private static Block genesis() throws Exception {
        return Block.parseFrom(FabricVectors.bytes("mychannel.block"));
    }

    /** Blocks 1..n after genesis, block i writing key k<i> = v<i> and k0 = i (tx 1 of each block invalid). */
    private static List<Block> blocks(Block genesis, int n) {
        List<Block> blocks = new ArrayList<>();
        Block previous = genesis;
        for (int i = 1; i <= n; i++) {
            Block b = TestTransactions.block(previous, List.of(
                    TestTransactions.endorserTx("tx" + i, 1000 + i, TestTransactions.writes("cc", "k" + i, "v" + i,
                            "k0", String.valueOf(i))),
                    TestTransactions.endorserTx("bad" + i, 1000 + i, TestTransactions.writes("cc", "k0", "bad"))),
                    (byte) 0, (byte) 11);
            blocks.add(b);
            previous = b;
        }
        return blocks;
    }

    private static String state(KvLedger ledger, String key) {
        QueryExecutor q = ledger.newQueryExecutor("q");
        try {
            var v = q.getState("cc", key);
            return v == null ? null : v.toStringUtf8();
        } finally {
            q.done();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {StorageProvider.LEVELDB, StorageProvider.MEMORY})
    void createCommitQueryAndHistory(String backend) throws Exception {
        StorageProvider storage = TestStores.provider(backend);
        try (LedgerProvider ledgers = LedgerProvider.open(layout(), storage, LedgerConfig.defaults())) {
            Block genesis = genesis();
            KvLedger ledger = ledgers.create(genesis);
            assertThat(ledgers.list()).containsExactly("mychannel");
            // as Fabric: the genesis block is stored all-valid and its config envelope is in the peer's namespace
            assertThat(ledger.blocks().blockByNumber(0).orElseThrow().getMetadata()
                    .getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray()).containsExactly(0);
            ByteString configEnvelope = Payload.parseFrom(Envelope.parseFrom(genesis.getData().getData(0)).getPayload())
                    .getData();
            QueryExecutor qe = ledger.newQueryExecutor("q");
            assertThat(qe.getState(ConfigTransactions.PEER_NAMESPACE, ConfigTransactions.CHANNEL_CONFIG_KEY))
                    .isEqualTo(configEnvelope);
            qe.done();
            assertThatThrownBy(() -> ledgers.create(genesis))
                    .hasMessage("ledger [mychannel] already exists with state [ACTIVE]");
            for (Block b : blocks(genesis, 5)) {
                ledger.commit(BlockAndPvtData.of(b));
            }
            assertThat(ledger.height()).isEqualTo(6);
            assertThat(ledger.stateHeight()).isEqualTo(6);
            assertThat(ledger.historyHeight()).contains(6L);
            assertThat(state(ledger, "k3")).isEqualTo("v3");
            assertThat(state(ledger, "k0")).isEqualTo("5");
            List<String> history = new ArrayList<>();
            var it = ledger.newHistoryQueryExecutor().orElseThrow().getHistoryForKey("cc", "k0");
            for (KeyModification m = it.next(); m != null; m = it.next()) {
                history.add(m.getTxId() + "=" + m.getValue().toStringUtf8());
            }
            it.close();
            assertThat(history).containsExactly("tx5=5", "tx4=4", "tx3=3", "tx2=2", "tx1=1");
            assertThat(ledger.blocks().txStatus("bad2").orElseThrow().validationCode()).isEqualTo(11);
        }
    }

    @Test
    void reopenRecoversStateAndHistoryFromTheBlocks() throws Exception {
        StorageProvider storage = TestStores.provider(StorageProvider.LEVELDB);
        Block genesis = genesis();
        try (LedgerProvider ledgers = LedgerProvider.open(layout(), storage, LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.create(genesis);
            for (Block b : blocks(genesis, 8)) {
                ledger.commit(BlockAndPvtData.of(b));
            }
        }
        // state lost entirely and history lost: both are re-committed from the block store
        try (KeyValueStore s = storage.open(layout().stateDb(), io.weft.api.storage.StoreOptions.defaults())) {
            new DbHandle(s, "mychannel").deleteAll();
        }
        try (KeyValueStore h = storage.open(layout().historyDb(), io.weft.api.storage.StoreOptions.defaults())) {
            new DbHandle(h, "mychannel").deleteAll();
        }
        try (LedgerProvider ledgers = LedgerProvider.open(layout(), storage, LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.open("mychannel");
            assertThat(ledger.stateHeight()).isEqualTo(9);
            assertThat(ledger.historyHeight()).contains(9L);
            assertThat(state(ledger, "k0")).isEqualTo("8");
            assertThat(state(ledger, "k7")).isEqualTo("v7");
        }
        // private data entries of blocks without private data, lost: filled in, and commits go on
        try (KeyValueStore p = storage.open(layout().pvtdataStore(), io.weft.api.storage.StoreOptions.defaults())) {
            new DbHandle(p, "mychannel").deleteAll();
        }
        try (LedgerProvider ledgers = LedgerProvider.open(layout(), storage, LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.open("mychannel");
            Block last = ledger.blocks().blockByNumber(8).orElseThrow();
            ledger.commit(BlockAndPvtData.of(TestTransactions.block(last, List.of(TestTransactions.endorserTx("tx9",
                    9, TestTransactions.writes("cc", "k0", "9"))), (byte) 0)));
            assertThat(state(ledger, "k0")).isEqualTo("9");
        }
        // a memory backend starts with nothing but the block files: everything is rebuilt from them
        try (LedgerProvider ledgers = LedgerProvider.open(layout(), TestStores.provider(StorageProvider.MEMORY),
                LedgerConfig.defaults())) {
            assertThat(ledgers.list()).isEmpty(); // the idStore is part of what the backend keeps
        }
    }

    @Test
    void aMemoryBackendRebuildsEverythingFromTheBlocksOnceTheLedgerIsRecorded() throws Exception {
        Block genesis = genesis();
        List<Block> blocks = blocks(genesis, 6);
        try (LedgerProvider ledgers = LedgerProvider.open(layout(), TestStores.provider(StorageProvider.LEVELDB),
                LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.create(genesis);
            for (Block b : blocks.subList(0, 5)) {
                ledger.commit(BlockAndPvtData.of(b));
            }
        }
        try (LedgerProvider ledgers = LedgerProvider.open(layout(), TestStores.provider(StorageProvider.MEMORY),
                LedgerConfig.defaults())) {
            ledgers.idStore().create("mychannel", LedgerStatus.ACTIVE);
            KvLedger ledger = ledgers.open("mychannel");
            assertThat(ledger.height()).isEqualTo(6);
            assertThat(ledger.stateHeight()).isEqualTo(6);
            assertThat(ledger.historyHeight()).contains(6L);
            assertThat(state(ledger, "k0")).isEqualTo("5");
            // the private data store was brought to the block height, so the next block commits
            ledger.commit(BlockAndPvtData.of(blocks.get(5)));
            assertThat(ledger.height()).isEqualTo(7);
            assertThat(state(ledger, "k6")).isEqualTo("v6");
        }
    }

    @Test
    void aStateAheadOfTheBlocksIsRefusedWithTheFix() throws Exception {
        StorageProvider storage = TestStores.provider(StorageProvider.LEVELDB);
        Block genesis = genesis();
        try (LedgerProvider ledgers = LedgerProvider.open(layout(), storage, LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.create(genesis);
            for (Block b : blocks(genesis, 4)) {
                ledger.commit(BlockAndPvtData.of(b));
            }
        }
        // block files rolled back while the databases were kept (and the index dropped)
        BlockFilesMaintenance.truncateAfter(layout().blocks("mychannel"), 2);
        LedgerFiles.deleteContents(layout().blockIndex());
        try (LedgerProvider ledgers = LedgerProvider.open(layout(), storage, LedgerConfig.defaults())) {
            assertThatThrownBy(() -> ledgers.open("mychannel")).hasMessage("the state database [height=5] is ahead "
                    + "of the block store [height=3]. This is possible when the state database is not dropped after a "
                    + "ledger reset/rollback. The state database can safely be dropped and will be rebuilt up to block "
                    + "store height upon the next peer start");
        }
    }

    @Test
    void partialLedgersAreRemovedAndTheLockIsExclusive() throws Exception {
        StorageProvider storage = TestStores.provider(StorageProvider.LEVELDB);
        try (LedgerProvider ledgers = LedgerProvider.open(layout(), storage, LedgerConfig.defaults())) {
            ledgers.create(genesis());
            assertThatThrownBy(() -> LedgerProvider.open(layout(), storage, LedgerConfig.defaults()))
                    .hasMessage(LedgerLock.IN_USE);
            ledgers.idStore().update("mychannel", LedgerStatus.UNDER_DELETION);
            assertThatThrownBy(() -> ledgers.open("other")).hasMessage("cannot open ledger [other], ledger does not exist");
        }
        try (LedgerProvider ledgers = LedgerProvider.open(layout(), storage, LedgerConfig.defaults())) {
            assertThat(ledgers.exists("mychannel")).isFalse();
            assertThat(layout().blocks("mychannel")).doesNotExist();
            // it can be joined again
            assertThat(ledgers.create(genesis()).height()).isEqualTo(1);
        }
    }
}
