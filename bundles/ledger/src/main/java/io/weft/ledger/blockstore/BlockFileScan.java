package io.weft.ledger.blockstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.weft.protoutil.BlockHashes;

import org.hyperledger.fabric.protos.common.BlockHeader;

/** Start-up work on the block files: rebuild or correct the checkpoint, catch the index up. */
final class BlockFileScan {

    private BlockFileScan() {
    }

    /** What a scan of one file found: whole blocks, the last one's header and where they end. */
    private record FileScan(int blocks, BlockHeader lastHeader, long end) {
    }

    /** The checkpoint rebuilt from the files alone (no checkpoint saved yet, or the index was dropped). */
    static BlockFilesInfo fromFiles(Path dir) throws IOException {
        List<Path> files = blockFiles(dir);
        if (files.isEmpty()) {
            return BlockFilesInfo.EMPTY;
        }
        int last = BlockFiles.number(files.get(files.size() - 1).getFileName().toString());
        FileScan scan = scan(BlockFiles.file(dir, last), 0);
        BlockHeader lastHeader = scan.lastHeader();
        if (scan.blocks() == 0 && last > 0) {
            lastHeader = scan(BlockFiles.file(dir, last - 1), 0).lastHeader();
        }
        boolean none = last == 0 && scan.blocks() == 0;
        return new BlockFilesInfo(last, scan.end(), lastHeader == null ? 0 : lastHeader.getNumber(), none);
    }

    /** The saved checkpoint, moved forward over whole blocks written after it was saved. */
    static BlockFilesInfo syncWithFiles(Path dir, BlockFilesInfo saved) throws IOException {
        Path file = BlockFiles.file(dir, saved.latestFileNumber());
        if (!Files.exists(file) || Files.size(file) == saved.latestFileSize()) {
            return saved;
        }
        FileScan scan = scan(file, saved.latestFileSize());
        if (scan.blocks() == 0) {
            return new BlockFilesInfo(saved.latestFileNumber(), scan.end(), saved.lastPersistedBlock(),
                    saved.noBlockFiles());
        }
        long last = saved.noBlockFiles() ? scan.blocks() - 1 : saved.lastPersistedBlock() + scan.blocks();
        return new BlockFilesInfo(saved.latestFileNumber(), scan.end(), last, false);
    }

    /** Indexes the blocks of the files that the index does not hold yet. */
    static void indexMissing(Path dir, BlockIndex index, BlockFilesInfo info) throws IOException {
        if (info.noBlockFiles()) {
            return;
        }
        Optional<Long> lastIndexed = index.lastIndexed();
        long next = lastIndexed.map(n -> n + 1).orElse(0L);
        if (next == info.lastPersistedBlock() + 1) {
            return;
        }
        int file = 0;
        long offset = 0;
        boolean skipFirst = false;
        if (lastIndexed.isPresent()) {
            FileLocation at = index.blockByNumber(lastIndexed.get()).orElseThrow(() -> new IOException(
                    "index checkpoint names block " + lastIndexed.get() + " which is not indexed"));
            file = at.fileNumber();
            offset = at.offset();
            skipFirst = true;
        }
        for (; file <= info.latestFileNumber(); file++, offset = 0) {
            try (BlockFileStream stream = new BlockFileStream(BlockFiles.file(dir, file), offset)) {
                for (BlockFileStream.Record r = stream.next(); r != null; r = stream.next()) {
                    if (skipFirst) {
                        skipFirst = false;
                        continue;
                    }
                    BlockCodec.Info block = BlockCodec.info(r.serializedBlock());
                    int prefix = r.recordLength() - r.serializedBlock().length;
                    index.index(block.header().getNumber(), BlockHashes.headerHash(block.header()),
                            new FileLocation(file, r.offset(), 0), shift(block.transactions(), prefix),
                            block.metadata());
                }
            }
        }
    }

    /** Transaction locations relative to the record start rather than to the serialized block. */
    static List<TxLocation> shift(List<TxLocation> txs, int by) {
        List<TxLocation> shifted = new ArrayList<>(txs.size());
        for (TxLocation tx : txs) {
            shifted.add(new TxLocation(tx.txId(), tx.offset() + by, tx.length()));
        }
        return shifted;
    }

    /** The block files in {@code dir} by number. */
    static List<Path> blockFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> BlockFiles.number(p.getFileName().toString()) >= 0)
                    .sorted(Comparator.comparingInt(p -> BlockFiles.number(p.getFileName().toString())))
                    .toList();
        }
    }

    private static FileScan scan(Path file, long from) throws IOException {
        int blocks = 0;
        BlockHeader last = null;
        try (BlockFileStream stream = new BlockFileStream(file, from)) {
            for (BlockFileStream.Record r = stream.next(); r != null; r = stream.next()) {
                blocks++;
                last = BlockCodec.header(r.serializedBlock());
            }
            return new FileScan(blocks, last, stream.offset());
        }
    }
}
