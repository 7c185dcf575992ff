package io.weft.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Path;

import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.weft.api.ledger.LedgerSummary;
import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StorageProvider;
import io.weft.api.storage.StoreOptions;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerLock;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.state.StateDb;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;
import io.weft.storage.leveldb.LevelDbStorageComponent;
import io.weft.storage.memory.MemoryStorageComponent;
import io.weft.testing.FabricVectors;

class LedgerManagerComponentTest {

    @TempDir
    Path fs;

    private final Registrations registrations = new Registrations();

    static StorageProvider backend(String name) {
        return StorageProvider.MEMORY.equals(name) ? new MemoryStorageComponent() : new LevelDbStorageComponent();
    }

    static Block genesis() throws Exception {
        return Block.parseFrom(FabricVectors.bytes("mychannel.block"));
    }

    private LedgerManagerComponent.Config config(boolean history) {
        String path = fs.toString();
        return new LedgerManagerComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LedgerManagerComponent.Config.class;
            }

            @Override
            public String fileSystemPath() {
                return path;
            }

            @Override
            public boolean historyEnabled() {
                return history;
            }

            @Override
            public int purgeInterval() {
                return 100;
            }

            @Override
            public int collElgProcMaxDbBatchSize() {
                return 5000;
            }
        };
    }

    private LedgerManagerComponent activate(StorageProvider storage) {
        return new LedgerManagerComponent(registrations.context(), config(true), storage);
    }

    private void createLedger(StorageProvider storage) throws Exception {
        try (LedgerProvider provider = LedgerProvider.open(new LedgerLayout(fs), storage, LedgerConfig.defaults())) {
            provider.create(genesis());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {StorageProvider.LEVELDB, StorageProvider.MEMORY})
    void opensEveryLedgerHoldsTheLockAndReleasesItOnDeactivate(String name) throws Exception {
        StorageProvider storage = backend(name);
        createLedger(storage);
        LedgerManagerComponent component = activate(storage);

        PeerLedgers ledgers = registrations.live(PeerLedgers.class).orElseThrow();
        assertThat(ledgers.channels()).containsExactly("mychannel");
        assertThat(ledgers.ledger("mychannel").map(KvLedger::height)).contains(1L);
        assertThat(ledgers.ledger("other")).isEmpty();
        assertThat(ledgers.backend()).isEqualTo(name);
        LedgerSummary summary = registrations.live(LedgerSummary.class).orElseThrow();
        assertThat(summary).isSameAs(ledgers);
        assertThat(summary.ledgers()).singleElement().satisfies(h -> {
            assertThat(h.channel()).isEqualTo("mychannel");
            assertThat(h.height()).isEqualTo(1);
            assertThat(h.stateHeight()).isEqualTo(1);
            assertThat(h.historyHeight()).hasValue(1);
        });
        assertThat(summary.problems()).isEmpty();
        assertThat(registrations.entries.get(0).properties.get(StorageProvider.NAME_PROPERTY)).isEqualTo(name);
        assertThatThrownBy(() -> LedgerLock.acquire(new LedgerLayout(fs))).hasMessage(LedgerLock.IN_USE);

        component.deactivate();
        assertThat(registrations.live(PeerLedgers.class)).isEmpty();
        assertThat(registrations.live(LedgerSummary.class)).isEmpty();
        assertThatCode(() -> LedgerLock.acquire(new LedgerLayout(fs)).close()).doesNotThrowAnyException();
    }

    @Test
    void createdLedgersJoinTheOpenOnesAndADuplicateGetsFabricsMessage() throws Exception {
        LedgerManagerComponent component = activate(new LevelDbStorageComponent());
        PeerLedgers ledgers = registrations.live(PeerLedgers.class).orElseThrow();
        assertThat(ledgers.channels()).isEmpty();
        KvLedger created = ledgers.create(genesis());
        assertThat(created.id()).isEqualTo("mychannel");
        assertThat(ledgers.ledger("mychannel")).containsSame(created);
        assertThatThrownBy(() -> ledgers.create(genesis())).hasMessage("ledger [mychannel] already exists with state [ACTIVE]");
        component.deactivate();
    }

    @Test
    void aHeldLedgerLockIsReportedAndNoLedgersAreOffered() throws Exception {
        try (LedgerLock held = LedgerLock.acquire(new LedgerLayout(fs))) {
            LedgerManagerComponent component = activate(new LevelDbStorageComponent());
            assertThat(registrations.live(PeerLedgers.class)).isEmpty();
            LedgerSummary summary = registrations.live(LedgerSummary.class).orElseThrow();
            assertThat(summary.backend()).isEqualTo("leveldb");
            assertThat(summary.ledgers()).isEmpty();
            assertThat(summary.problems()).singleElement().asString()
                    .startsWith("cannot open the ledgers at " + fs.resolve("ledgersData") + " on the leveldb storage backend: ")
                    .endsWith(LedgerLock.IN_USE);
            component.deactivate();
            assertThat(registrations.live(LedgerSummary.class)).isEmpty();
        }
    }

    @Test
    void aChannelWhoseStateIsAheadOfItsBlocksIsLeftOutAndReported() throws Exception {
        LevelDbStorageComponent storage = new LevelDbStorageComponent();
        createLedger(storage);
        try (KeyValueStore state = storage.open(new LedgerLayout(fs).stateDb(), StoreOptions.defaults())) {
            new StateDb(new DbHandle(state, "mychannel")).apply(new UpdateBatch(), new Version(4, 0));
        }
        LedgerManagerComponent component = activate(storage);
        PeerLedgers ledgers = registrations.live(PeerLedgers.class).orElseThrow();
        assertThat(ledgers.channels()).isEmpty();
        assertThat(registrations.live(LedgerSummary.class).orElseThrow().problems()).singleElement().asString()
                .startsWith("[mychannel] the state database [height=5] is ahead of the block store [height=1]");
        component.deactivate();
    }

    @Test
    void theMemoryBackendRebuildsChannelsFromTheirBlockFiles() throws Exception {
        createLedger(new LevelDbStorageComponent());
        LedgerManagerComponent component = activate(new MemoryStorageComponent());
        PeerLedgers ledgers = registrations.live(PeerLedgers.class).orElseThrow();
        assertThat(registrations.live(LedgerSummary.class).orElseThrow().problems()).isEmpty();
        assertThat(ledgers.channels()).containsExactly("mychannel");
        KvLedger ledger = ledgers.ledger("mychannel").orElseThrow();
        assertThat(ledger.height()).isEqualTo(1);
        assertThat(ledger.stateHeight()).isEqualTo(1);
        assertThat(ledger.blocks().blockByNumber(0)).isPresent();
        component.deactivate();
    }

    @Test
    void leveldbDoesNotAdoptBlockFoldersItsIdStoreDoesNotKnow() throws Exception {
        createLedger(new MemoryStorageComponent());
        LedgerManagerComponent component = activate(new LevelDbStorageComponent());
        assertThat(registrations.live(PeerLedgers.class).orElseThrow().channels()).isEmpty();
        component.deactivate();
    }

    @Test
    void historyFollowsTheConfiguration() throws Exception {
        LedgerConfig config = LedgerManagerComponent.ledgerConfig(config(false));
        assertThat(config.historyEnabled()).isFalse();
        assertThat(config.pvtData().purgeInterval()).isEqualTo(100);
        assertThat(config.maxBlockFileSize()).isEqualTo(LedgerConfig.defaults().maxBlockFileSize());
    }
}
