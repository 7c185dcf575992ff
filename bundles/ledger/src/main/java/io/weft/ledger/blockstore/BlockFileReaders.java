package io.weft.ledger.blockstore;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.weft.ledger.encoding.ByteReader;

/** Positional reads of block records and transactions, safe beside the appending writer. */
final class BlockFileReaders implements Closeable {

    private static final int MAX_PREFIX = 10;

    private final Path dir;
    private final Map<Integer, FileChannel> open = new ConcurrentHashMap<>();

    BlockFileReaders(Path dir) {
        this.dir = dir;
    }

    /** The serialized block of the record at {@code location}. */
    byte[] record(FileLocation location) throws IOException {
        FileChannel channel = channel(location.fileNumber());
        byte[] head = read(channel, location.offset(), (int) Math.min(MAX_PREFIX,
                channel.size() - location.offset()));
        ByteReader prefix = new ByteReader(head);
        int length = prefix.length();
        return read(channel, location.offset() + prefix.position(), length);
    }

    /** The bytes at {@code location} (a transaction's {@code varint(length) ‖ envelope}). */
    byte[] bytes(FileLocation location) throws IOException {
        return read(channel(location.fileNumber()), location.offset(), location.length());
    }

    private FileChannel channel(int fileNumber) {
        return open.computeIfAbsent(fileNumber, n -> {
            try {
                return FileChannel.open(BlockFiles.file(dir, n), StandardOpenOption.READ);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        if (length < 0) {
            throw new EOFException("no record at offset " + position);
        }
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                throw new EOFException("block file ends inside the record at offset " + position);
            }
        }
        return buf.array();
    }

    @Override
    public void close() throws IOException {
        for (FileChannel c : open.values()) {
            c.close();
        }
        open.clear();
    }
}
