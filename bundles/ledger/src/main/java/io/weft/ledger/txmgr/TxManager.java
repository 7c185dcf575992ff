package io.weft.ledger.txmgr;

import java.util.Optional;
import java.util.concurrent.locks.StampedLock;

import io.weft.ledger.state.StateDb;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;

/**
 * One channel's transaction manager (Fabric's lock-based one): hands out query executors and simulators, each
 * holding the commit lock shared until its {@code done()}, and commits a block's updates under the lock held
 * exclusively, so a simulation never sees part of a block.
 */
public final class TxManager {

    private final String ledgerId;
    private final StateDb db;
    private final CollectionConfigSource collections;
    // a stamped lock, not a ReentrantReadWriteLock: done() may run on another thread than the one that began
    private final StampedLock commitLock = new StampedLock();

    /** {@code collections} may be null, which turns collection-name checks off. */
    public TxManager(String ledgerId, StateDb db, CollectionConfigSource collections) {
        this.ledgerId = ledgerId;
        this.db = db;
        this.collections = collections;
    }

    public QueryExecutor newQueryExecutor(String txid) {
        return new QueryExecutor(this, txid, null, collections, commitLock.readLock());
    }

    /** A query executor that does not check collection names (for system use). */
    public QueryExecutor newQueryExecutorNoCollChecks() {
        return new QueryExecutor(this, "", null, null, commitLock.readLock());
    }

    public TxSimulator newTxSimulator(String txid) {
        return new TxSimulator(this, txid, collections, commitLock.readLock());
    }

    /** Applies a validated block's updates and savepoint atomically, waiting for running simulations to finish. */
    public void commit(UpdateBatch batch, Version savepoint) {
        long stamp = commitLock.writeLock();
        try {
            db.apply(batch, savepoint);
        } finally {
            commitLock.unlockWrite(stamp);
        }
    }

    public Optional<Version> savepoint() {
        return db.savepoint();
    }

    public StateDb stateDb() {
        return db;
    }

    String ledgerId() {
        return ledgerId;
    }

    void release(long readStamp) {
        commitLock.unlockRead(readStamp);
    }
}
