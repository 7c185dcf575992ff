package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StorageProvider;
import io.weft.api.storage.StoreOptions;
import io.weft.ledger.testing.TestStores;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.ledger.txmgr.TestTransactions;
import io.weft.testing.FabricVectors;

import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerMaintenanceTest {

    @TempDir
    Path tmp;

    private final StorageProvider storage = TestStores.provider(StorageProvider.LEVELDB);
    private LedgerLayout layout;

    @BeforeEach
    void ledgerWithTenBlocks() throws Exception {
        layout = new LedgerLayout(tmp);
        try (LedgerProvider ledgers = LedgerProvider.open(layout, storage, LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.create(Block.parseFrom(FabricVectors.bytes("mychannel.block")));
            Block previous = ledger.blocks().blockByNumber(0).orElseThrow();
            for (int i = 1; i < 10; i++) {
                previous = TestTransactions.block(previous, List.of(TestTransactions.endorserTx("tx" + i, i,
                        TestTransactions.writes("cc", "k", String.valueOf(i)))), (byte) 0);
                ledger.commit(BlockAndPvtData.of(previous));
            }
        }
    }

    private LedgerProvider reopen() {
        return LedgerProvider.open(layout, storage, LedgerConfig.defaults());
    }

    private static String value(KvLedger ledger) {
        QueryExecutor q = ledger.newQueryExecutor("q");
        try {
            var v = q.getState("cc", "k");
            return v == null ? null : v.toStringUtf8();
        } finally {
            q.done();
        }
    }

    @Test
    void rollbackRebuildsTheDatabasesUpToTheTarget() throws Exception {
        assertThatThrownBy(() -> LedgerMaintenance.rollback(layout, "mychannel", 9))
                .hasMessage("target block number [9] should be less than the biggest block number [9]");
        assertThatThrownBy(() -> LedgerMaintenance.rollback(layout, "nochannel", 1))
                .hasMessage("ledgerID [nochannel] does not exist");
        LedgerMaintenance.rollback(layout, "mychannel", 4);
        assertThat(LedgerMaintenance.preResetHeights(layout)).isEqualTo(Map.of("mychannel", 10L));
        try (LedgerProvider ledgers = reopen()) {
            KvLedger ledger = ledgers.open("mychannel");
            assertThat(ledger.height()).isEqualTo(5);
            assertThat(ledger.stateHeight()).isEqualTo(5);
            assertThat(value(ledger)).isEqualTo("4");
        }
    }

    @Test
    void resetKeepsTheGenesisBlockAndRebuildDbsKeepsEverything() throws Exception {
        LedgerMaintenance.rebuildDatabases(layout);
        try (LedgerProvider ledgers = reopen()) {
            KvLedger ledger = ledgers.open("mychannel");
            assertThat(ledger.height()).isEqualTo(10);
            assertThat(value(ledger)).isEqualTo("9");
            assertThat(ledger.historyHeight()).contains(10L);
        }
        LedgerMaintenance.reset(layout);
        try (LedgerProvider ledgers = reopen()) {
            KvLedger ledger = ledgers.open("mychannel");
            assertThat(ledger.height()).isEqualTo(1);
            assertThat(value(ledger)).isNull();
        }
        assertThat(LedgerMaintenance.preResetHeights(layout)).isEqualTo(Map.of("mychannel", 10L));
    }

    @Test
    void everyCommandIsRefusedWhileTheLedgersAreOpen() throws Exception {
        try (LedgerProvider running = reopen()) {
            assertThatThrownBy(() -> LedgerMaintenance.reset(layout)).hasMessage(LedgerLock.IN_USE);
            assertThatThrownBy(() -> LedgerMaintenance.rollback(layout, "mychannel", 2)).hasMessage(LedgerLock.IN_USE);
            assertThatThrownBy(() -> LedgerMaintenance.rebuildDatabases(layout)).hasMessage(LedgerLock.IN_USE);
            assertThatThrownBy(() -> LedgerMaintenance.upgradeDatabases(layout, storage)).hasMessage(LedgerLock.IN_USE);
            assertThatThrownBy(this::reopen).hasMessage(LedgerLock.IN_USE);
        }
    }

    @Test
    void pauseResumeAndUnjoin() throws Exception {
        try (LedgerProvider ledgers = reopen()) {
            ledgers.pause("mychannel");
            assertThat(ledgers.list()).isEmpty();
            assertThatThrownBy(() -> ledgers.open("mychannel"))
                    .hasMessage("cannot open ledger [mychannel], ledger status is [INACTIVE]");
            ledgers.resume("mychannel");
            assertThat(ledgers.open("mychannel").height()).isEqualTo(10);
            assertThatThrownBy(() -> ledgers.pause("other"))
                    .hasMessage("cannot update ledger status, ledger [other] does not exist");
            ledgers.unjoin("mychannel");
            assertThat(ledgers.exists("mychannel")).isFalse();
            assertThatThrownBy(() -> ledgers.unjoin("mychannel")).hasMessage(
                    "unjoin channel [mychannel]: cannot update ledger status, ledger [mychannel] does not exist");
        }
        assertThat(layout.blocks("mychannel")).doesNotExist();
    }

    @Test
    void upgradeDbsRewritesA14IdStoreOnly() throws Exception {
        assertThatThrownBy(() -> LedgerMaintenance.upgradeDatabases(layout, storage))
                .hasMessage("the data format is already up to date. No upgrade is required");
        // a Fabric 1.4 idStore: genesis blocks under 'l', no format key
        LedgerFiles.deleteContents(layout.idStore());
        try (KeyValueStore ids = storage.open(layout.idStore(), StoreOptions.defaults())) {
            ids.write(ids.newBatch().put("lmychannel".getBytes(), FabricVectors.bytes("mychannel.block")), true);
        }
        LedgerMaintenance.upgradeDatabases(layout, storage);
        try (LedgerProvider ledgers = reopen()) {
            assertThat(ledgers.list()).containsExactly("mychannel");
            assertThat(ledgers.open("mychannel").height()).isEqualTo(10);
        }
    }
}
