package io.weft.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.weft.ledger.blockstore.BlockStore;
import io.weft.ledger.history.HistoryDb;
import io.weft.ledger.history.HistoryQueryExecutor;
import io.weft.ledger.pvtdata.MissingPvtDataInfo;
import io.weft.ledger.pvtdata.PvtDataStore;
import io.weft.ledger.pvtdata.PvtNsCollFilter;
import io.weft.ledger.pvtdata.TxPvtData;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.ledger.txmgr.TxManager;
import io.weft.ledger.txmgr.TxSimulator;
import io.weft.ledger.txmgr.ValidWriteSets;
import io.weft.ledger.txmgr.WriteSetApplier;
import io.weft.ledger.validation.MvccValidator;

import org.hyperledger.fabric.protos.common.Block;
import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;

/**
 * One channel's ledger: block store, state, history and private data, committed in Fabric's order
 * (private data, block, state, history) and brought back in step at open by re-committing the
 * blocks a database lacks. One committer thread; simulators and queries run beside it.
 */
public final class KvLedger {

    private final String ledgerId;
    private final BlockStore blocks;
    private final TxManager txManager;
    private final HistoryDb history;
    private final PvtDataStore pvtData;
    private final WriteSetApplier applier;
    private final MvccValidator mvcc;
    private final java.util.concurrent.Executor historyWriter;

    /** @param historyWriter writes history beside the state commit (the provider's, shared by its channels) */
    KvLedger(String ledgerId, BlockStore blocks, TxManager txManager, HistoryDb history, PvtDataStore pvtData,
            java.util.concurrent.Executor historyWriter) {
        this.ledgerId = ledgerId;
        this.blocks = blocks;
        this.txManager = txManager;
        this.history = history;
        this.pvtData = pvtData;
        this.applier = new WriteSetApplier(txManager.stateDb());
        this.mvcc = new MvccValidator(txManager.stateDb());
        this.historyWriter = historyWriter;
    }

    public String id() {
        return ledgerId;
    }

    public BlockchainInfo info() {
        return blocks.info();
    }

    public long height() {
        return blocks.height();
    }

    /** The block store, for retrieval by number, hash and transaction id. */
    public BlockStore blocks() {
        return blocks;
    }

    /** Commits a validated block: private data, then the block, then state, then history. */
    public synchronized void commit(BlockAndPvtData data) throws IOException {
        BlockAndPvtData filtered = new BlockAndPvtData(withFilter(data.block()), data.pvtData(), data.missing());
        // parsed once, before anything is written: a block whose valid transactions do not parse changes nothing
        doCommit(filtered, ValidWriteSets.of(filtered.block()), null);
    }

    /**
     * A block committed without validation flags (the genesis block) is stored with all transactions valid, as
     * Fabric's ledger does.
     */
    private static Block withFilter(Block block) {
        BlockMetadata md = block.getMetadata();
        if (md.getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                && !md.getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).isEmpty()) {
            return block;
        }
        BlockMetadata.Builder b = md.toBuilder();
        while (b.getMetadataCount() <= BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) {
            b.addMetadata(ByteString.EMPTY);
        }
        b.setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE,
                ByteString.copyFrom(new byte[block.getData().getDataCount()])); // zero is VALID
        return block.toBuilder().setMetadata(b).build();
    }

    /**
     * Commits a block whose public and hashed updates the committer already prepared (by {@link #mvccValidator()}
     * on the same write sets); the private writes are added to {@code prepared} here.
     */
    public synchronized void commit(BlockAndPvtData data, ValidWriteSets writeSets, UpdateBatch prepared)
            throws IOException {
        Objects.requireNonNull(prepared, "prepared");
        doCommit(data, writeSets, prepared);
    }

    /** The MVCC validator over this ledger's state; use it only from the committing thread, between commits. */
    public MvccValidator mvccValidator() {
        return mvcc;
    }

    private void doCommit(BlockAndPvtData data, ValidWriteSets writeSets, UpdateBatch prepared) throws IOException {
        Block block = data.block();
        long number = block.getHeader().getNumber();
        // after a crash between the two, the private data store may already hold this block
        if (pvtData.isEmpty() || pvtData.lastCommittedBlockHeight() <= number) {
            pvtData.commit(number, data.pvtData(), data.missing());
        }
        blocks.append(block, writeSets.txIds());
        // the block is durable: state and history are independent of each other (both are rebuilt from
        // the blocks if a crash cuts either short), so they are written side by side
        CompletableFuture<Void> historyDone = history == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> history.commit(writeSets), historyWriter);
        try {
            commitState(block, prepared != null ? prepared : applier.apply(writeSets), data.pvtData());
        } finally {
            awaitHistory(historyDone);
        }
    }

    private static void awaitHistory(CompletableFuture<Void> done) {
        try {
            done.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new LedgerException(e.getCause().toString(), e);
        }
    }

    private void commitState(Block block, UpdateBatch batch, List<TxPvtData> pvt) {
        if (!pvt.isEmpty()) {
            Map<Long, TxPvtReadWriteSet> byTx = new LinkedHashMap<>();
            pvt.forEach(p -> byTx.put(p.seqInBlock(), p.writeSet()));
            applier.applyPrivate(block.getHeader().getNumber(), byTx, batch);
        }
        txManager.commit(batch, new Version(block.getHeader().getNumber(), block.getData().getDataCount() - 1L));
    }

    /**
     * The unexpired private data of committed block {@code blockNum}, per transaction in order (Fabric's
     * {@code GetPvtDataByNum}); a null {@code filter} passes every collection.
     */
    public List<TxPvtData> pvtDataByBlockNum(long blockNum, PvtNsCollFilter filter) {
        return pvtData.getPvtDataByBlockNum(blockNum, filter);
    }

    /**
     * The private data of collections this peer is a member of that its committed blocks lack, in the
     * {@code maxBlocks} most recent blocks lacking any (Fabric's missing private data tracker).
     */
    public MissingPvtDataInfo missingPvtDataInfo(int maxBlocks) {
        return pvtData.getMissingPvtDataInfoForMostRecentBlocks(Math.max(0, height() - 1), maxBlocks);
    }

    /** A simulator for one proposal; it must be {@code done()} before the next commit can finish. */
    public TxSimulator newTxSimulator(String txId) {
        return txManager.newTxSimulator(txId);
    }

    public QueryExecutor newQueryExecutor(String txId) {
        return txManager.newQueryExecutor(txId);
    }

    /** A read-only executor for the peer's own reads (validation, configuration), without collection-name checks. */
    public QueryExecutor newQueryExecutorNoCollChecks() {
        return txManager.newQueryExecutorNoCollChecks();
    }

    /** History of keys, when {@code ledger.history.enableHistoryDatabase} is on. */
    public Optional<HistoryQueryExecutor> newHistoryQueryExecutor() {
        return history == null ? Optional.empty() : Optional.of(history.newQueryExecutor(blocks::transaction));
    }

    /** The height of the state database (next block it expects). */
    public long stateHeight() {
        return txManager.savepoint().map(v -> v.blockNum() + 1).orElse(0L);
    }

    /** The height of the history database, if it is on. */
    public Optional<Long> historyHeight() {
        return history == null ? Optional.empty()
                : Optional.of(history.savepoint().map(v -> v.blockNum() + 1).orElse(0L));
    }

    /**
     * Brings state and history up to the block store by re-committing the blocks they lack, the
     * laggard first; a database ahead of the block store is an error naming the fix. A lost private
     * data store is first brought to the block height, empty.
     */
    void recover() throws IOException {
        long storeHeight = blocks.height();
        if (storeHeight == 0) {
            return;
        }
        // private data is committed before its block, so its store lags only when it lost entries of blocks without
        // private data (unsynced) or was lost as a whole (the memory backend): those blocks are recorded without any
        pvtData.fillGap(storeHeight);
        List<Recoverable> behind = new ArrayList<>();
        for (Recoverable r : recoverables()) {
            long next = r.height();
            if (next > storeHeight) {
                throw new LedgerException("the " + r.name() + " database [height=" + next
                        + "] is ahead of the block store [height=" + storeHeight + "]. This is possible when the "
                        + r.name() + " database is not dropped after a ledger reset/rollback. The " + r.name()
                        + " database can safely be dropped and will be rebuilt up to block store height upon the "
                        + "next peer start");
            }
            if (next < storeHeight) {
                behind.add(r);
            }
        }
        behind.sort((a, b) -> Long.compare(a.height(), b.height()));
        for (int i = 0; i < behind.size(); i++) {
            long until = i + 1 < behind.size() ? behind.get(i + 1).height() : storeHeight;
            recommit(behind.get(i).height(), until, behind.subList(0, i + 1));
        }
    }

    private void recommit(long from, long until, List<Recoverable> targets) throws IOException {
        for (long n = from; n < until; n++) {
            long number = n;
            Block block = blocks.blockByNumber(number).orElseThrow(
                    () -> new LedgerException("block [" + number + "] is below the height but missing"));
            ValidWriteSets writeSets = ValidWriteSets.of(block); // once for state and history alike
            for (Recoverable r : targets) {
                r.recommit(block, writeSets);
            }
        }
    }

    private List<Recoverable> recoverables() {
        List<Recoverable> list = new ArrayList<>();
        list.add(new Recoverable("state", this::stateHeight, (b, writeSets) -> commitState(b,
                applier.apply(writeSets), pvtData.getPvtDataByBlockNum(b.getHeader().getNumber(), null))));
        if (history != null) {
            list.add(new Recoverable("history", () -> historyHeight().orElse(0L), (b, writeSets) ->
                    history.commit(writeSets)));
        }
        return list;
    }

    private record Recoverable(String name, java.util.function.LongSupplier heightSupplier,
            java.util.function.BiConsumer<Block, ValidWriteSets> recommit) {

        long height() {
            return heightSupplier.getAsLong();
        }

        void recommit(Block block, ValidWriteSets writeSets) {
            recommit.accept(block, writeSets);
        }
    }

    void close() {
        blocks.close();
    }
}
