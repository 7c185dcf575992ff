package io.weft.ledger.blockstore;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.weft.ledger.encoding.ByteWriter;

/** Appends {@code varint(length) ‖ serialized block} records to one block file. */
final class BlockFileWriter implements Closeable {

    private final FileChannel channel;
    private long size;

    BlockFileWriter(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        size = channel.size();
    }

    /** Cuts the file back to {@code knownSize}: whatever lies beyond was never acknowledged. */
    void truncate(long knownSize) throws IOException {
        if (channel.size() > knownSize) {
            channel.truncate(knownSize);
            channel.force(true);
        }
        size = knownSize;
    }

    /** The length prefix of a record holding {@code serializedBlock}. */
    static byte[] lengthPrefix(byte[] serializedBlock) {
        return new ByteWriter(10).varint(serializedBlock.length).toByteArray();
    }

    /** Writes one record at the end of the file; {@code sync} forces it to the device. */
    void append(byte[] lengthPrefix, byte[] serializedBlock, boolean sync) throws IOException {
        ByteBuffer[] record = {ByteBuffer.wrap(lengthPrefix), ByteBuffer.wrap(serializedBlock)};
        long position = size;
        long total = lengthPrefix.length + (long) serializedBlock.length;
        long written = 0;
        while (written < total) {
            channel.position(position + written);
            written += channel.write(record);
        }
        if (sync) {
            channel.force(false);
        }
        size += total;
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
