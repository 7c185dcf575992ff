package io.weft.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.weft.ledger.blockstore.BlockFilesMaintenance;

/**
 * The offline node commands that work on folders (Fabric's {@code ResetAllKVLedgers},
 * {@code RollbackKVLedger}, {@code RebuildDBs}): each holds the ledger lock, so none runs beside a
 * peer. The databases they drop (state, history, config history, bookkeeper, block index) are
 * rebuilt from the block files when the peer opens the ledgers again.
 */
public final class LedgerMaintenance {

    private LedgerMaintenance() {
    }

    /** {@code peer node reset}: every channel back to its genesis block. */
    public static void reset(LedgerLayout layout) throws IOException {
        try (LedgerLock lock = LedgerLock.acquire(layout)) {
            dropDatabases(layout);
            LedgerFiles.deleteContents(layout.blockIndex());
            for (Path channel : channelDirs(layout)) {
                BlockFilesMaintenance.resetToGenesis(channel);
            }
        }
    }

    /** {@code peer node rollback -c <channel> -b <block>}: the channel's blocks after {@code block} removed. */
    public static void rollback(LedgerLayout layout, String channel, long block) throws IOException {
        try (LedgerLock lock = LedgerLock.acquire(layout)) {
            Path dir = layout.blocks(channel);
            if (!Files.isDirectory(dir)) {
                throw new LedgerException("ledgerID [" + channel + "] does not exist");
            }
            long height = BlockFilesMaintenance.height(dir);
            if (height == 0 || height - 1 <= block) {
                throw new LedgerException("target block number [" + block
                        + "] should be less than the biggest block number [" + Math.max(0, height - 1) + "]");
            }
            dropDatabases(layout);
            // the whole index goes (Fabric deletes this channel's entries): rebuilt from the files at start
            LedgerFiles.deleteContents(layout.blockIndex());
            BlockFilesMaintenance.truncateAfter(dir, block);
        }
    }

    /** {@code peer node rebuild-dbs}: the databases and the block index dropped, to be rebuilt at start. */
    public static void rebuildDatabases(LedgerLayout layout) throws IOException {
        try (LedgerLock lock = LedgerLock.acquire(layout)) {
            dropDatabases(layout);
            LedgerFiles.deleteContents(layout.blockIndex());
        }
    }

    /**
     * {@code peer node upgrade-dbs}: a Fabric 1.4 ledger folder brought to the 2.x data format
     * (idStore rewritten; databases and block index dropped, to be rebuilt at start).
     */
    public static void upgradeDatabases(LedgerLayout layout, io.weft.api.storage.StorageProvider storage)
            throws IOException {
        try (LedgerLock lock = LedgerLock.acquire(layout);
                io.weft.api.storage.KeyValueStore ids = storage.open(layout.idStore(),
                        io.weft.api.storage.StoreOptions.defaults())) {
            try {
                IdStore.requireUpgradable(ids, layout.idStore());
            } catch (LedgerException e) {
                if (e.getMessage().startsWith("the data format")) {
                    throw e;
                }
                throw new LedgerException("error while checking whether upgrade is required: " + e.getMessage(), e);
            }
            dropDatabases(layout);
            LedgerFiles.deleteContents(layout.blockIndex());
            IdStore.upgradeFormat(ids);
        }
    }

    /** The heights recorded by a reset or rollback that each channel must reach again, by channel. */
    public static java.util.Map<String, Long> preResetHeights(LedgerLayout layout) throws IOException {
        java.util.Map<String, Long> heights = new java.util.TreeMap<>();
        for (Path channel : channelDirs(layout)) {
            BlockFilesMaintenance.preResetHeight(channel)
                    .ifPresent(h -> heights.put(channel.getFileName().toString(), h));
        }
        return heights;
    }

    static void dropDatabases(LedgerLayout layout) {
        LedgerFiles.deleteContents(layout.stateDb());
        LedgerFiles.deleteContents(layout.configHistory());
        LedgerFiles.deleteContents(layout.bookkeeper());
        LedgerFiles.deleteContents(layout.historyDb());
    }

    private static List<Path> channelDirs(LedgerLayout layout) throws IOException {
        Path chains = layout.chains().resolve("chains");
        if (!Files.isDirectory(chains)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(chains)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }
}
