package io.weft.orderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.api.storage.KeyValueStore;
import io.weft.ledger.blockstore.BlockStore;
import io.weft.ledger.kv.DbHandle;

/**
 * The orderer's ledger of a channel on Fabric's block files ({@link BlockStore}): {@code <chainsDir>/<channel>} with
 * its index in the channel's database of the shared index store, as Fabric's orderer file ledger lays them out. Every
 * append is synced before listeners hear of it, so a restart loses no block that was announced.
 */
public final class BlockStoreLedger implements OrdererLedger {

    /** Fabric's default block file size (64 MiB). */
    public static final long MAX_BLOCK_FILE_SIZE = 64L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BlockStoreLedger.class);

    private final String channelId;
    private final BlockStore store;
    private final List<Consumer<Block>> listeners = new CopyOnWriteArrayList<>();

    private BlockStoreLedger(String channelId, BlockStore store) {
        this.channelId = channelId;
        this.store = store;
    }

    /** Opens (creating when missing) the ledger of {@code channelId}. */
    public static BlockStoreLedger open(Path chainsDir, KeyValueStore index, String channelId) throws IOException {
        return new BlockStoreLedger(channelId, BlockStore.open(chainsDir.resolve(channelId),
                new DbHandle(index, channelId), MAX_BLOCK_FILE_SIZE));
    }

    @Override
    public long height() {
        return store.height();
    }

    @Override
    public void append(Block block) throws LedgerWriteException {
        try {
            store.append(block);
        } catch (IOException | RuntimeException e) {
            throw new LedgerWriteException("[channel: " + channelId + "] could not append block "
                    + block.getHeader().getNumber() + ": " + e.getMessage(), e);
        }
        for (Consumer<Block> listener : listeners) {
            try {
                listener.accept(block);
            } catch (RuntimeException e) { // one listener's failure must not stop the chain
                LOG.warn("[channel: {}] block listener failed on block {}", channelId, block.getHeader().getNumber(), e);
            }
        }
    }

    @Override
    public Optional<Block> block(long number) {
        try {
            return store.blockByNumber(number);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Subscription onAppend(Consumer<Block> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        listeners.clear();
        store.close();
    }
}
