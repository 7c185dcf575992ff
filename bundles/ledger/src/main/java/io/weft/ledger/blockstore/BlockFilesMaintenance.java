package io.weft.ledger.blockstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import io.weft.ledger.LedgerException;

import org.hyperledger.fabric.protos.common.Block;

/**
 * What the offline node commands do to a channel's block files while no peer runs: keep only the
 * genesis block ({@code reset}), cut after a block ({@code rollback}), and remember the height
 * before either in {@code __preResetHeight}, so that the peer refuses proposals until it is back.
 * The block index must be dropped with them; the store rebuilds it from the files on open.
 */
public final class BlockFilesMaintenance {

    private static final String PRE_RESET_HEIGHT = "__preResetHeight";
    private static final String GENESIS_BACKUP = "__backupGenesisBlockBytes";

    private BlockFilesMaintenance() {
    }

    /** The height the files hold (0 when there are none). */
    public static long height(Path ledgerDir) throws IOException {
        BlockFilesInfo info = BlockFileScan.fromFiles(ledgerDir);
        return info.noBlockFiles() ? 0 : info.lastPersistedBlock() + 1;
    }

    /** Keeps block 0 only, after recording the current height. */
    public static void resetToGenesis(Path ledgerDir) throws IOException {
        List<Path> files = BlockFileScan.blockFiles(ledgerDir);
        if (files.isEmpty()) {
            return;
        }
        recordHeight(ledgerDir);
        BlockFileStream.Record genesis;
        try (BlockFileStream stream = new BlockFileStream(BlockFiles.file(ledgerDir, 0), 0)) {
            genesis = stream.next();
        }
        if (genesis == null) {
            throw new LedgerException("no genesis block in " + BlockFiles.file(ledgerDir, 0));
        }
        Block block = BlockCodec.deserialize(genesis.serializedBlock());
        if (block.getHeader().getNumber() != 0 || block.getHeader().getDataHash().isEmpty()) {
            throw new LedgerException("The supplied bytes are not of genesis block. blockNum="
                    + block.getHeader().getNumber());
        }
        Files.write(ledgerDir.resolve(GENESIS_BACKUP), genesis.serializedBlock());
        cut(ledgerDir, files, 0, genesis.offset() + genesis.recordLength());
    }

    /** Cuts everything after block {@code target}, after recording the current height. */
    public static void truncateAfter(Path ledgerDir, long target) throws IOException {
        BlockFilesInfo info = BlockFileScan.fromFiles(ledgerDir);
        if (info.noBlockFiles() || info.lastPersistedBlock() <= target) {
            throw new LedgerException("target block number [" + target
                    + "] should be less than the biggest block number [" + info.lastPersistedBlock() + "]");
        }
        recordHeight(ledgerDir);
        List<Path> files = BlockFileScan.blockFiles(ledgerDir);
        for (Path file : files) {
            int number = BlockFiles.number(file.getFileName().toString());
            try (BlockFileStream stream = new BlockFileStream(file, 0)) {
                for (BlockFileStream.Record r = stream.next(); r != null; r = stream.next()) {
                    if (BlockCodec.header(r.serializedBlock()).getNumber() == target) {
                        cut(ledgerDir, files, number, r.offset() + r.recordLength());
                        return;
                    }
                }
            }
        }
        throw new LedgerException("block [" + target + "] not found in the block files of " + ledgerDir);
    }

    /** The height recorded by the last reset or rollback, if any. */
    public static OptionalLong preResetHeight(Path ledgerDir) throws IOException {
        Path file = ledgerDir.resolve(PRE_RESET_HEIGHT);
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseUnsignedLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
    }

    public static void clearPreResetHeight(Path ledgerDir) throws IOException {
        Files.deleteIfExists(ledgerDir.resolve(PRE_RESET_HEIGHT));
    }

    // a second reset or rollback keeps the greatest height seen
    private static void recordHeight(Path ledgerDir) throws IOException {
        long current = height(ledgerDir);
        OptionalLong previous = preResetHeight(ledgerDir);
        if (previous.isEmpty() || current > previous.getAsLong()) {
            Files.writeString(ledgerDir.resolve(PRE_RESET_HEIGHT), Long.toUnsignedString(current),
                    StandardCharsets.US_ASCII);
        }
    }

    private static void cut(Path ledgerDir, List<Path> files, int keepFile, long keepSize) throws IOException {
        for (Path file : files) {
            if (BlockFiles.number(file.getFileName().toString()) > keepFile) {
                Files.delete(file);
            }
        }
        try (BlockFileWriter writer = new BlockFileWriter(BlockFiles.file(ledgerDir, keepFile))) {
            writer.truncate(keepSize);
        }
    }
}
