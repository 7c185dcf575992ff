package io.weft.ledger.blockstore;

import java.io.IOException;

import io.weft.ledger.LedgerException;

import org.hyperledger.fabric.protos.common.Block;

/** Blocks in order from a start number, waiting for blocks not yet appended. */
public final class BlockIterator implements AutoCloseable {

    private final BlockStore store;
    private long next;
    private volatile boolean closed;

    BlockIterator(BlockStore store, long start) {
        this.store = store;
        this.next = start;
    }

    /** The next block, waiting for it if needed; null once this iterator or its store is closed. */
    public Block next() throws IOException, InterruptedException {
        if (!store.awaitHeight(next, this)) {
            return null;
        }
        Block block = store.blockByNumber(next)
                .orElseThrow(() -> new LedgerException("block " + next + " is below the height but not indexed"));
        next++;
        return block;
    }

    /** The number of the block {@link #next()} returns. */
    public long position() {
        return next;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        store.wakeWaiters();
    }
}
