package io.weft.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.weft.ledger.BlockAndPvtData;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerLock;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.txmgr.TestTransactions;
import io.weft.storage.leveldb.LevelDbStorageComponent;
import io.weft.testing.FabricVectors;

import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peer node reset|rollback|rebuild-dbs|upgrade-dbs|pause|resume|unjoin} on a ledger folder. */
class OfflineNodeCommandsTest {

    @TempDir
    Path tmp;

    private Map<String, String> env;
    private LedgerLayout layout;

    @BeforeEach
    void peerWithAChannelOfSixBlocks() throws Exception {
        Path config = Files.createDirectories(tmp.resolve("config"));
        Files.copy(Path.of("../config/core.yaml"), config.resolve("core.yaml"));
        env = Map.of("FABRIC_CFG_PATH", config.toString(), "CORE_PEER_FILESYSTEMPATH", tmp.resolve("fs").toString());
        layout = new LedgerLayout(tmp.resolve("fs"));
        try (LedgerProvider ledgers = open()) {
            KvLedger ledger = ledgers.create(Block.parseFrom(FabricVectors.bytes("mychannel.block")));
            Block previous = ledger.blocks().blockByNumber(0).orElseThrow();
            for (int i = 1; i < 6; i++) {
                previous = TestTransactions.block(previous, List.of(TestTransactions.endorserTx("tx" + i, i,
                        TestTransactions.writes("cc", "k", String.valueOf(i)))), (byte) 0);
                ledger.commit(BlockAndPvtData.of(previous));
            }
        }
    }

    private LedgerProvider open() {
        return LedgerProvider.open(layout, new LevelDbStorageComponent(), LedgerConfig.defaults());
    }

    private CliRun peer(String... args) {
        return CliRun.run(env, args);
    }

    @Test
    void rollbackAndReset() throws Exception {
        CliRun noChannel = peer("node", "rollback", "-b", "2");
        assertThat(noChannel.exitCode()).isEqualTo(1);
        assertThat(noChannel.firstErrLine()).isEqualTo("Error: Must supply channel ID");
        CliRun tooFar = peer("node", "rollback", "-c", "mychannel", "-b", "5");
        assertThat(tooFar.firstErrLine())
                .isEqualTo("Error: target block number [5] should be less than the biggest block number [5]");

        CliRun rollback = peer("node", "rollback", "-c", "mychannel", "-b", "2");
        assertThat(rollback.exitCode()).as("%s", rollback).isZero();
        try (LedgerProvider ledgers = open()) {
            assertThat(ledgers.open("mychannel").height()).isEqualTo(3);
        }
        assertThat(peer("node", "reset").exitCode()).isZero();
        try (LedgerProvider ledgers = open()) {
            assertThat(ledgers.open("mychannel").height()).isEqualTo(1);
        }
    }

    @Test
    void pauseResumeUnjoinAndTheDatabaseCommands() throws Exception {
        assertThat(peer("node", "pause", "-c", "mychannel").exitCode()).isZero();
        try (LedgerProvider ledgers = open()) {
            assertThat(ledgers.list()).isEmpty();
        }
        assertThat(peer("node", "resume", "--channelID", "mychannel").exitCode()).isZero();
        assertThat(peer("node", "rebuild-dbs").exitCode()).isZero();
        try (LedgerProvider ledgers = open()) {
            assertThat(ledgers.open("mychannel").stateHeight()).isEqualTo(6);
        }
        CliRun upgrade = peer("node", "upgrade-dbs");
        assertThat(upgrade.exitCode()).isEqualTo(1);
        assertThat(upgrade.firstErrLine()).isEqualTo("Error: the data format is already up to date. No upgrade is required");
        CliRun unknown = peer("node", "pause", "-c", "other");
        assertThat(unknown.firstErrLine()).isEqualTo("Error: cannot update ledger status, ledger [other] does not exist");
        assertThat(peer("node", "unjoin", "-c", "mychannel").exitCode()).isZero();
        try (LedgerProvider ledgers = open()) {
            assertThat(ledgers.exists("mychannel")).isFalse();
        }
    }

    @Test
    void everyCommandIsRefusedWhileThePeerHoldsTheLedgers() {
        try (LedgerProvider running = open()) {
            for (String[] command : List.of(new String[] {"node", "reset"},
                    new String[] {"node", "rollback", "-c", "mychannel", "-b", "1"}, new String[] {"node", "rebuild-dbs"},
                    new String[] {"node", "upgrade-dbs"}, new String[] {"node", "pause", "-c", "mychannel"},
                    new String[] {"node", "resume", "-c", "mychannel"}, new String[] {"node", "unjoin", "-c", "mychannel"})) {
                CliRun run = peer(command);
                assertThat(run.exitCode()).isEqualTo(1);
                assertThat(run.firstErrLine()).as(String.join(" ", command)).isEqualTo("Error: " + LedgerLock.IN_USE);
            }
        }
    }
}
