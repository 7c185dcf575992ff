package io.weft.ledger.blockstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.ledger.LedgerException;
import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.kv.DbHandle;
import io.weft.protoutil.BlockHashes;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * A channel's blocks as Fabric keeps them: appended to {@code blockfile_NNNNNN} files (synced per
 * block), with the {@code blkMgrInfo} checkpoint and the index in the channel's database of the
 * shared index store. On open, a torn tail is cut off and the index catches up with the files.
 * One thread appends; any number read.
 */
public final class BlockStore implements AutoCloseable {

    private static final byte[] CHECKPOINT_KEY = "blkMgrInfo".getBytes(StandardCharsets.UTF_8);

    private final Path dir;
    private final DbHandle db;
    private final long maxFileSize;
    private final BlockIndex index;
    private final BlockFileReaders readers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private BlockFileWriter writer;
    private volatile BlockFilesInfo files;
    private volatile BlockchainInfo chain;
    private volatile boolean closed;

    private BlockStore(Path dir, DbHandle db, long maxFileSize) {
        this.dir = dir;
        this.db = db;
        this.maxFileSize = maxFileSize;
        this.index = new BlockIndex(db);
        this.readers = new BlockFileReaders(dir);
    }

    /** Opens (creating when missing) the block store in {@code dir} with its index in {@code indexDb}. */
    public static BlockStore open(Path dir, DbHandle indexDb, long maxFileSize) throws IOException {
        Files.createDirectories(dir);
        BlockStore store = new BlockStore(dir, indexDb, maxFileSize);
        store.recover();
        return store;
    }

    private void recover() throws IOException {
        byte[] saved = db.get(CHECKPOINT_KEY);
        BlockFilesInfo info = saved == null ? BlockFileScan.fromFiles(dir) : BlockFileScan.syncWithFiles(dir,
                BlockFilesInfo.decode(saved));
        db.write(db.newBatch().put(CHECKPOINT_KEY, info.encode()), true);
        writer = new BlockFileWriter(BlockFiles.file(dir, info.latestFileNumber()));
        writer.truncate(info.latestFileSize());
        files = info;
        BlockFileScan.indexMissing(dir, index, info);
        chain = BlockchainInfo.newBuilder().build();
        if (!info.noBlockFiles()) {
            BlockHeader last = BlockCodec.header(readers.record(index.blockByNumber(info.lastPersistedBlock())
                    .orElseThrow(() -> new LedgerException("block " + info.lastPersistedBlock()
                            + " is in the block files but not in the index"))));
            chain = BlockchainInfo.newBuilder().setHeight(last.getNumber() + 1)
                    .setCurrentBlockHash(ByteString.copyFrom(BlockHashes.headerHash(last)))
                    .setPreviousBlockHash(last.getPreviousHash()).build();
        }
    }

    /** Height and the hashes of the last block. */
    public BlockchainInfo info() {
        return chain;
    }

    public long height() {
        return chain.getHeight();
    }

    /**
     * Appends the next block: its number must be the height and its previous hash the last block's
     * header hash. Once this returns the block is on disk and indexed.
     */
    public void append(Block block) throws IOException {
        append(block, null);
    }

    /** As {@link #append(Block)}, with the transactions' ids known already (as a committer has them). */
    public void append(Block block, List<String> txIds) throws IOException {
        if (txIds != null && txIds.size() != block.getData().getDataCount()) {
            throw new IllegalArgumentException(txIds.size() + " transaction ids for "
                    + block.getData().getDataCount() + " transactions");
        }
        lock.lock();
        try {
            ensureOpen();
            BlockchainInfo current = chain;
            BlockHeader header = block.getHeader();
            if (header.getNumber() != current.getHeight()) {
                throw new LedgerException("block number should have been " + current.getHeight() + " but was "
                        + header.getNumber());
            }
            if (!header.getPreviousHash().equals(current.getCurrentBlockHash())) {
                HexFormat hex = HexFormat.of();
                throw new LedgerException("unexpected Previous block hash. Expected PreviousHash = ["
                        + hex.formatHex(current.getCurrentBlockHash().toByteArray())
                        + "], PreviousHash referred in the latest block= ["
                        + hex.formatHex(header.getPreviousHash().toByteArray()) + "]");
            }
            BlockCodec.Serialized serialized = BlockCodec.serialize(block, txIds);
            byte[] prefix = BlockFileWriter.lengthPrefix(serialized.bytes());
            long recordLength = prefix.length + (long) serialized.bytes().length;
            BlockFilesInfo before = files;
            if (before.latestFileSize() + recordLength > maxFileSize && before.latestFileSize() > 0) {
                before = moveToNextFile(before);
            }
            try {
                writer.append(prefix, serialized.bytes(), true);
            } catch (IOException e) {
                writer.truncate(before.latestFileSize());
                throw new LedgerException("error appending block to file: " + e.getMessage(), e);
            }
            BlockFilesInfo after = before.afterAppend(header.getNumber(), recordLength);
            db.write(db.newBatch().put(CHECKPOINT_KEY, after.encode()), false);
            FileLocation at = new FileLocation(after.latestFileNumber(), before.latestFileSize(), 0);
            index.index(header.getNumber(), BlockHashes.headerHash(header), at,
                    BlockFileScan.shift(serialized.transactions(), prefix.length), block.getMetadata());
            files = after;
            chain = BlockchainInfo.newBuilder().setHeight(header.getNumber() + 1)
                    .setCurrentBlockHash(ByteString.copyFrom(BlockHashes.headerHash(header)))
                    .setPreviousBlockHash(header.getPreviousHash()).build();
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private BlockFilesInfo moveToNextFile(BlockFilesInfo current) throws IOException {
        BlockFilesInfo next = current.nextFile();
        BlockFileWriter nextWriter = new BlockFileWriter(BlockFiles.file(dir, next.latestFileNumber()));
        nextWriter.truncate(0);
        db.write(db.newBatch().put(CHECKPOINT_KEY, next.encode()), true);
        writer.close();
        writer = nextWriter;
        files = next;
        return next;
    }

    public Optional<Block> blockByNumber(long number) throws IOException {
        return block(index.blockByNumber(number));
    }

    public Optional<Block> blockByHash(byte[] headerHash) throws IOException {
        return block(index.blockByHash(headerHash));
    }

    /** The block holding the first occurrence of {@code txId}. */
    public Optional<Block> blockByTxId(String txId) throws IOException {
        return block(index.txById(txId).map(BlockIndex.TxEntry::block));
    }

    /** The envelope of the first occurrence of {@code txId}. */
    public Optional<Envelope> transactionById(String txId) throws IOException {
        return envelope(index.txById(txId).map(BlockIndex.TxEntry::tx));
    }

    public Optional<Envelope> transaction(long blockNumber, long txNumber) throws IOException {
        return envelope(index.tx(blockNumber, txNumber));
    }

    /** The validation code of the first occurrence of {@code txId} and the block holding it. */
    public Optional<TxStatus> txStatus(String txId) {
        ensureOpen();
        return index.txById(txId).map(e -> new TxStatus(e.blockNumber(), e.validationCode()));
    }

    public boolean txExists(String txId) {
        return txStatus(txId).isPresent();
    }

    /** A transaction's committed place and validation code. */
    public record TxStatus(long blockNumber, int validationCode) {
    }

    /**
     * Blocks from {@code start} on, in order; {@link BlockIterator#next()} waits for blocks not yet
     * appended. Close it to release a waiting reader.
     */
    public BlockIterator iterator(long start) {
        return new BlockIterator(this, start);
    }

    /** Waits until block {@code number} exists; false when the store or {@code iterator} closed first. */
    boolean awaitHeight(long number, BlockIterator iterator) throws InterruptedException {
        lock.lock();
        try {
            while (chain.getHeight() <= number) {
                if (closed || iterator.isClosed()) {
                    return false;
                }
                appended.await();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes waiting iterators (after one of them closed). */
    void wakeWaiters() {
        lock.lock();
        try {
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Optional<Block> block(Optional<FileLocation> location) throws IOException {
        ensureOpen();
        if (location.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(BlockCodec.deserialize(readers.record(location.get())));
    }

    private Optional<Envelope> envelope(Optional<FileLocation> location) throws IOException {
        ensureOpen();
        if (location.isEmpty()) {
            return Optional.empty();
        }
        ByteString bytes = new ByteReader(readers.bytes(location.get())).lengthPrefixed();
        try {
            return Optional.of(Envelope.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("stored transaction is not an envelope: " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LedgerException("block store of " + dir.getFileName() + " is closed");
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            appended.signalAll();
            writer.close();
            readers.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /** The block files of this store, in order (for offline tools and tests). */
    public Stream<Path> blockFiles() throws IOException {
        return BlockFileScan.blockFiles(dir).stream();
    }
}
