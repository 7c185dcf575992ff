package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HexFormat;

import io.weft.api.storage.KeyValueStore;
import io.weft.ledger.testing.TestStores;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdStoreTest {

    @TempDir
    Path tmp;

    @Test
    void recordsLedgersWithFabricsKeysAndStatuses() {
        Path dir = tmp.resolve("ledgerProvider");
        try (IdStore ids = IdStore.open(TestStores.open("leveldb", dir), dir)) {
            ids.create("mychannel", LedgerStatus.UNDER_CONSTRUCTION);
            ids.create("other", LedgerStatus.ACTIVE);
            assertThatThrownBy(() -> ids.create("mychannel", LedgerStatus.ACTIVE))
                    .hasMessage("ledger [mychannel] already exists with state [UNDER_CONSTRUCTION]");
            ids.update("mychannel", LedgerStatus.ACTIVE);
            ids.create("paused", LedgerStatus.INACTIVE);
            assertThat(ids.activeLedgerIds()).containsExactly("mychannel", "other");
            assertThat(ids.ledgerIds(EnumSet.of(LedgerStatus.ACTIVE, LedgerStatus.INACTIVE)))
                    .containsExactly("mychannel", "other", "paused");
            ids.delete("other");
            assertThat(ids.status("other")).isEmpty();
            assertThatThrownBy(() -> ids.update("other", LedgerStatus.ACTIVE))
                    .hasMessage("cannot update ledger status, ledger [other] does not exist");
        }
        try (KeyValueStore raw = TestStores.open("leveldb", dir)) {
            assertThat(new String(raw.get(new byte[] {'f'}), StandardCharsets.UTF_8)).isEqualTo("2.0");
            // LedgerMetadata{status: INACTIVE} in protobuf form; ACTIVE (0) is the empty message
            assertThat(HexFormat.of().formatHex(raw.get("spaused".getBytes(StandardCharsets.UTF_8)))).isEqualTo("0801");
            assertThat(raw.get("smychannel".getBytes(StandardCharsets.UTF_8))).isEmpty();
        }
    }

    @Test
    void anotherDataFormatIsRefused() {
        Path dir = tmp.resolve("ledgerProvider");
        try (KeyValueStore raw = TestStores.open("leveldb", dir)) {
            raw.write(raw.newBatch().put(new byte[] {'l', 'c', 'h'}, new byte[] {1}), true);
        }
        assertThatThrownBy(() -> IdStore.open(TestStores.open("leveldb", dir), dir))
                .hasMessage("unexpected format. db info = [leveldb for channel-IDs at [" + dir
                        + "]], data format = [], expected format = [2.0]");
        // the refused store was closed: it opens again
        TestStores.open("leveldb", dir).close();
    }

    @Test
    void theLedgerLockIsExclusive() throws Exception {
        LedgerLayout layout = new LedgerLayout(tmp);
        try (LedgerLock lock = LedgerLock.acquire(layout)) {
            assertThatThrownBy(() -> LedgerLock.acquire(layout)).hasMessage(LedgerLock.IN_USE);
        }
        LedgerLock.acquire(layout).close();
        assertThat(layout.fileLock().resolve("LOCK")).exists();
    }
}
