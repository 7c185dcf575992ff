package io.weft.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StorageProvider;
import io.weft.api.storage.StoreOptions;
import io.weft.ledger.blockstore.BlockStore;
import io.weft.ledger.history.HistoryDb;
import io.weft.ledger.kv.DataFormat;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.pvtdata.BtlPolicy;
import io.weft.ledger.pvtdata.PvtDataStoreProvider;
import io.weft.ledger.state.StateDb;
import io.weft.ledger.transientstore.TransientStoreProvider;
import io.weft.ledger.txmgr.TxManager;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;

/**
 * The peer's ledgers under {@code peer.fileSystemPath}, on one storage backend: the idStore, the
 * stores shared by all channels (block index, state, history, private data, transient data) and
 * the channels' ledgers. Holds the ledger lock while open. Ledgers left under construction or
 * deletion by a crash are removed at open, as Fabric does.
 */
public final class LedgerProvider implements AutoCloseable {

    private final LedgerLayout layout;
    private final LedgerConfig config;
    private final LedgerLock lock;
    private final List<KeyValueStore> stores = new ArrayList<>();
    private final Map<String, KvLedger> open = new ConcurrentHashMap<>();
    // one thread writing history beside the state commits of all channels; ends with the provider, so that no
    // thread outlives a ledger bundle that is updated
    private final ExecutorService historyWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "weft-history-writer");
        t.setDaemon(true);
        return t;
    });
    private IdStore ids;
    private KeyValueStore index;
    private KeyValueStore state;
    private KeyValueStore history;
    private PvtDataStoreProvider pvtData;
    private TransientStoreProvider transientData;

    private LedgerProvider(LedgerLayout layout, LedgerConfig config, LedgerLock lock) {
        this.layout = layout;
        this.config = config;
        this.lock = lock;
    }

    /** Takes the ledger lock and opens the shared stores with {@code storage}. */
    public static LedgerProvider open(LedgerLayout layout, StorageProvider storage, LedgerConfig config) {
        LedgerProvider provider = new LedgerProvider(layout, config, LedgerLock.acquire(layout));
        try {
            provider.openStores(storage);
            provider.deletePartialLedgers();
            return provider;
        } catch (RuntimeException e) {
            provider.close();
            throw e;
        }
    }

    private void openStores(StorageProvider storage) {
        ids = IdStore.open(store(storage, layout.idStore()), layout.idStore());
        index = formatted(store(storage, layout.blockIndex()), "leveldb for block index at [" + layout.blockIndex() + "]");
        state = formatted(store(storage, layout.stateDb()), "leveldb for state at [" + layout.stateDb() + "]");
        history = formatted(store(storage, layout.historyDb()), "leveldb for history at [" + layout.historyDb() + "]");
        pvtData = PvtDataStoreProvider.open(store(storage, layout.pvtdataStore()), layout.pvtdataStore().toString(),
                config.pvtData());
        transientData = TransientStoreProvider.open(store(storage, layout.transientStore()));
    }

    private KeyValueStore store(StorageProvider storage, Path dir) {
        KeyValueStore s = storage.open(dir, StoreOptions.defaults());
        stores.add(s);
        return s;
    }

    // Fabric marks the index, state and history stores with their data format "2.0"
    private static KeyValueStore formatted(KeyValueStore store, String dbInfo) {
        DataFormat.initOrRequire(store, DataFormat.SHARED_STORE_KEY, IdStore.CURRENT_FORMAT, dbInfo);
        return store;
    }

    private void deletePartialLedgers() {
        for (String id : ids.ledgerIds(EnumSet.of(LedgerStatus.UNDER_CONSTRUCTION, LedgerStatus.UNDER_DELETION))) {
            removeLedgerData(id);
            ids.delete(id);
        }
    }

    /** Creates a channel's ledger from its genesis block (Fabric's {@code CreateFromGenesisBlock}). */
    public KvLedger create(Block genesis) throws IOException {
        String id = channelId(genesis);
        ids.create(id, LedgerStatus.UNDER_CONSTRUCTION);
        try {
            KvLedger ledger = openLedger(id);
            ledger.commit(BlockAndPvtData.of(genesis));
            ids.update(id, LedgerStatus.ACTIVE);
            return ledger;
        } catch (IOException | RuntimeException e) {
            Optional.ofNullable(open.remove(id)).ifPresent(KvLedger::close);
            removeLedgerData(id);
            ids.delete(id);
            throw e;
        }
    }

    /** Opens an active channel ledger, recovering its databases from its blocks. */
    public KvLedger open(String ledgerId) throws IOException {
        KvLedger existing = open.get(ledgerId);
        if (existing != null) {
            return existing;
        }
        LedgerStatus status = ids.status(ledgerId).orElseThrow(() -> new LedgerException(
                "cannot open ledger [" + ledgerId + "], ledger does not exist"));
        if (status != LedgerStatus.ACTIVE) {
            throw new LedgerException("cannot open ledger [" + ledgerId + "], ledger status is [" + status + "]");
        }
        return openLedger(ledgerId);
    }

    private synchronized KvLedger openLedger(String id) throws IOException {
        BlockStore blocks = BlockStore.open(layout.blocks(id), new DbHandle(index, id), config.maxBlockFileSize());
        try {
            TxManager txManager = new TxManager(id, new StateDb(new DbHandle(state, id)), config.collections());
            HistoryDb historyDb = config.historyEnabled() ? new HistoryDb(new DbHandle(history, id)) : null;
            BtlPolicy btl = config.collections() == null ? CollectionBtlPolicy.none(id)
                    : new CollectionBtlPolicy(id, config.collections(), txManager);
            KvLedger ledger = new KvLedger(id, blocks, txManager, historyDb, pvtData.openStore(id, btl), historyWriter);
            ledger.recover();
            open.put(id, ledger);
            return ledger;
        } catch (IOException | RuntimeException e) {
            blocks.close();
            throw e;
        }
    }

    /** {@code peer node pause}: the channel stays on disk but is not opened. */
    public void pause(String ledgerId) {
        ids.update(ledgerId, LedgerStatus.INACTIVE);
    }

    /** {@code peer node resume}. */
    public void resume(String ledgerId) {
        ids.update(ledgerId, LedgerStatus.ACTIVE);
    }

    /**
     * {@code peer node unjoin}: the channel marked for deletion, then all its data removed (a crash
     * midway is finished at the next open), then forgotten.
     */
    public void unjoin(String ledgerId) {
        try {
            ids.update(ledgerId, LedgerStatus.UNDER_DELETION);
        } catch (LedgerException e) {
            throw new LedgerException("unjoin channel [" + ledgerId + "]: " + e.getMessage(), e);
        }
        removeLedgerData(ledgerId);
        ids.delete(ledgerId);
    }

    public boolean exists(String ledgerId) {
        return ids.status(ledgerId).isPresent();
    }

    /** Active ledgers, as Fabric's {@code List}. */
    public List<String> list() {
        return ids.activeLedgerIds();
    }

    public IdStore idStore() {
        return ids;
    }

    public TransientStoreProvider transientStores() {
        return transientData;
    }

    // everything a channel keeps, in every shared store, and its block files
    private void removeLedgerData(String id) {
        Optional.ofNullable(open.remove(id)).ifPresent(KvLedger::close);
        new DbHandle(index, id).deleteAll();
        new DbHandle(state, id).deleteAll();
        new DbHandle(history, id).deleteAll();
        pvtData.drop(id);
        transientData.drop(id);
        LedgerFiles.deleteTree(layout.blocks(id));
    }

    private static String channelId(Block genesis) {
        try {
            Envelope envelope = Envelope.parseFrom(genesis.getData().getData(0));
            Payload payload = Payload.parseFrom(envelope.getPayload());
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getChannelId();
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            throw new LedgerException("cannot read the channel id of the genesis block: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        open.values().forEach(KvLedger::close);
        open.clear();
        historyWriter.shutdown();
        for (KeyValueStore s : stores) {
            s.close();
        }
        stores.clear();
        try {
            lock.close();
        } catch (IOException e) {
            throw new LedgerException("cannot release the ledger lock: " + e.getMessage(), e);
        }
    }
}
