package io.weft.ledger.pvtdata;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.storage.RangeIterator;
import io.weft.ledger.LedgerException;
import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;
import io.weft.ledger.kv.DbHandle;

import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;

/**
 * A channel's private data store, Fabric's {@code pvtdatastorage.Store}: private write sets are
 * committed block by block, each block's entries and the last-committed-block key in one synced
 * batch. Expired data is purged every {@code purgeInterval} blocks, in the batch of the block that
 * triggers it (Fabric purges right after that block, in the background). One thread commits; any
 * number read.
 */
public final class PvtDataStore {

    private final DbHandle db;
    private final BtlPolicy btl;
    private final int purgeInterval;
    private final ExpiryPurger purger;
    private final CollEligibility eligibility;
    private volatile boolean empty;
    private volatile long lastCommittedBlock;

    private PvtDataStore(DbHandle db, BtlPolicy btl, PvtDataConfig config) {
        this.db = db;
        this.btl = btl;
        this.purgeInterval = config.purgeInterval();
        this.purger = new ExpiryPurger(db);
        this.eligibility = new CollEligibility(db, config.collElgProcMaxDbBatchSize());
    }

    static PvtDataStore open(DbHandle db, BtlPolicy btl, PvtDataConfig config) {
        PvtDataStore store = new PvtDataStore(db, btl, config);
        store.initState();
        store.eligibility.processEvents();
        return store;
    }

    private void initState() {
        byte[] last = db.get(PvtDataKeys.LAST_COMMITTED_BLOCK);
        empty = last == null;
        lastCommittedBlock = empty ? 0 : decodeBlockNum(last);
        // a v1.4 store may hold a pending commit marker: its block's data is complete, so it counts as committed
        if (db.get(PvtDataKeys.PENDING_COMMIT) != null) {
            long committing = nextBlockNum();
            db.write(db.newBatch().put(PvtDataKeys.LAST_COMMITTED_BLOCK, new ByteWriter(10).varint(committing)
                    .toByteArray()).delete(PvtDataKeys.PENDING_COMMIT), true);
            empty = false;
            lastCommittedBlock = committing;
        }
    }

    /**
     * Commits the private data of block {@code blockNum}, which must be the next block: the write
     * sets present (one per transaction that has any) and the collections missing per transaction
     * number.
     *
     * @throws LedgerException {@code expected block number=N, received block number=M}, or when a
     *         collection's BTL cannot be found (then nothing is written)
     */
    public synchronized void commit(long blockNum, List<TxPvtData> pvtData, Map<Long, List<MissingPvtData>> missing) {
        long expected = nextBlockNum();
        if (expected != blockNum) {
            throw new LedgerException("expected block number=" + expected + ", received block number=" + blockNum);
        }
        DbHandle.Batch batch = db.newBatch();
        CommitEntries.add(batch, blockNum, pvtData, missing, btl);
        batch.put(PvtDataKeys.LAST_COMMITTED_BLOCK, new ByteWriter(10).varint(blockNum).toByteArray());
        if (Long.remainderUnsigned(blockNum, purgeInterval) == 0) {
            purger.addDeletions(batch, blockNum);
        }
        // synced when the block brings private data (nothing else holds it); otherwise a machine
        // crash can only lose entries of blocks without private data, which the ledger fills in
        // again at open (see fillGap), and purges that a later purge redoes
        db.write(batch, !pvtData.isEmpty() || !missing.isEmpty());
        lastCommittedBlock = blockNum;
        empty = false;
    }

    /**
     * Commits empty entries for blocks up to {@code blockNum} (exclusive) that the store lost in a
     * machine crash while the block store kept them; only blocks without private data can be lost.
     */
    public synchronized void fillGap(long blockNum) {
        while (Long.compareUnsigned(nextBlockNum(), blockNum) < 0) {
            commit(nextBlockNum(), List.of(), Map.of());
        }
    }

    /**
     * Records that this peer became eligible, in block {@code committingBlock}, for the given
     * collections (namespace → names): their missing data up to that block becomes eligible.
     */
    public synchronized void processCollsEligibilityEnabled(long committingBlock, Map<String, List<String>> nsColls) {
        eligibility.record(committingBlock, nsColls);
        eligibility.processEvents();
    }

    /**
     * The private data of a committed block, per transaction in order, leaving out expired data and
     * collections the filter (null = none) does not pass.
     *
     * @throws LedgerException {@code the store is empty}, or {@code last committed block number [N]
     *         smaller than the requested block number [M]}
     */
    public List<TxPvtData> getPvtDataByBlockNum(long blockNum, PvtNsCollFilter filter) {
        if (empty) {
            throw new LedgerException("the store is empty");
        }
        long last = lastCommittedBlock;
        if (Long.compareUnsigned(blockNum, last) > 0) {
            throw new LedgerException("last committed block number [" + last
                    + "] smaller than the requested block number [" + blockNum + "]");
        }
        byte[][] range = PvtDataKeys.dataRange(blockNum);
        List<TxPvtData> result = new ArrayList<>();
        TxAssembler tx = null;
        try (RangeIterator it = db.range(range[0], range[1])) {
            while (it.next()) {
                PvtDataKeys.DataKey key = PvtDataKeys.decodeData(it.key(), db.prefixLength());
                if (btl.isExpired(key.ns(), key.coll(), key.blockNum(), last)
                        || !PvtNsCollFilter.passes(filter, key.ns(), key.coll())) {
                    continue;
                }
                if (tx == null || tx.txNum != key.txNum()) {
                    if (tx != null) {
                        result.add(tx.done());
                    }
                    tx = new TxAssembler(key.txNum());
                }
                tx.add(key.ns(), decodeData(it.value()));
            }
        }
        if (tx != null) {
            result.add(tx.done());
        }
        return result;
    }

    /**
     * Missing private data of eligible collections (the prioritized group), newest block first from
     * {@code startingBlockNum}, for at most {@code maxBlock} blocks; expired entries are skipped.
     * As in Fabric, block 0 is never reported.
     */
    public MissingPvtDataInfo getMissingPvtDataInfoForMostRecentBlocks(long startingBlockNum, int maxBlock) {
        MissingPvtDataInfo info = new MissingPvtDataInfo();
        if (maxBlock < 1) {
            return info;
        }
        byte[][] range = PvtDataKeys.eligibleMissingRange(PvtDataKeys.ELG_PRIORITIZED_MISSING, startingBlockNum);
        int blocks = 0;
        long lastBlockTaken = -1;
        try (RangeIterator it = db.range(range[0], range[1])) {
            while (it.next()) {
                PvtDataKeys.MissingKey key = PvtDataKeys.decodeEligibleMissing(it.key(), db.prefixLength());
                if (blocks == maxBlock && key.blockNum() != lastBlockTaken) {
                    break;
                }
                if (btl.isExpired(key.ns(), key.coll(), key.blockNum(), lastCommittedBlock)) {
                    continue;
                }
                if (key.blockNum() != lastBlockTaken) {
                    blocks++;
                    lastBlockTaken = key.blockNum();
                }
                BitSet txs = MissingDataBitmap.decode(it.value());
                for (int tx = txs.nextSetBit(0); tx >= 0; tx = txs.nextSetBit(tx + 1)) {
                    info.add(key.blockNum(), tx, key.ns(), key.coll());
                }
            }
        }
        return info;
    }

    /** The private key whose SHA-256 is {@code keyHash}, from the hashed index, if any block wrote it. */
    public Optional<ByteString> fetchPrivateDataRawKey(String namespace, String collection, byte[] keyHash) {
        byte[][] range = PvtDataKeys.hashedIndexRange(namespace, collection, keyHash);
        try (RangeIterator it = db.range(range[0], range[1])) {
            return it.next() ? Optional.of(ByteString.copyFrom(it.value())) : Optional.empty();
        }
    }

    /** The number of the next block to commit: 0 for an empty store. */
    public long lastCommittedBlockHeight() {
        return empty ? 0 : lastCommittedBlock + 1;
    }

    public boolean isEmpty() {
        return empty;
    }

    private long nextBlockNum() {
        return empty ? 0 : lastCommittedBlock + 1;
    }

    private static long decodeBlockNum(byte[] value) {
        // Fabric reads a malformed value as block 0
        try {
            return new ByteReader(value).varint();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static CollectionPvtReadWriteSet decodeData(byte[] value) {
        try {
            return CollectionPvtReadWriteSet.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("error decoding private data: " + e.getMessage(), e);
        }
    }

    /** Groups a transaction's collections, read in key order, into namespaces. */
    private static final class TxAssembler {
        final long txNum;
        final TxPvtReadWriteSet.Builder tx = TxPvtReadWriteSet.newBuilder();
        NsPvtReadWriteSet.Builder ns;

        TxAssembler(long txNum) {
            this.txNum = txNum;
        }

        void add(String namespace, CollectionPvtReadWriteSet coll) {
            if (ns != null && !ns.getNamespace().equals(namespace)) {
                tx.addNsPvtRwset(ns);
                ns = null;
            }
            if (ns == null) {
                ns = NsPvtReadWriteSet.newBuilder().setNamespace(namespace);
            }
            ns.addCollectionPvtRwset(coll);
        }

        TxPvtData done() {
            if (ns != null) {
                tx.addNsPvtRwset(ns);
            }
            return new TxPvtData(txNum, tx.build());
        }
    }
}
