package io.weft.ledger.blockstore;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the records of one block file in order from an offset. A record cut short at the end of
 * the file (a write torn by a crash) ends the stream and is reported by {@link #torn()}.
 */
final class BlockFileStream implements Closeable {

    /** One record: its offset in the file and the serialized block it holds. */
    record Record(long offset, int recordLength, byte[] serializedBlock) {
    }

    private final InputStream in;
    private long offset;
    private boolean torn;

    BlockFileStream(Path file, long startOffset) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(startOffset);
        this.in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        this.offset = startOffset;
    }

    /** The next whole record, or null at the end of the file or at a torn record. */
    Record next() throws IOException {
        if (torn) {
            return null;
        }
        long start = offset;
        long length = 0;
        int prefix = 0;
        for (int shift = 0;; shift += 7) {
            int b = in.read();
            if (b < 0) {
                torn = prefix > 0;
                return null;
            }
            prefix++;
            length |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                break;
            }
            if (shift > 28) {
                throw new IOException("corrupt block record length at offset " + start);
            }
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("corrupt block record length " + length + " at offset " + start);
        }
        byte[] block = new byte[(int) length];
        try {
            readFully(block);
        } catch (EOFException e) {
            torn = true;
            return null;
        }
        offset = start + prefix + length;
        return new Record(start, (int) (prefix + length), block);
    }

    /** Whether the stream ended inside a record. */
    boolean torn() {
        return torn;
    }

    /** The offset just after the last whole record read. */
    long offset() {
        return offset;
    }

    private void readFully(byte[] into) throws IOException {
        int done = 0;
        while (done < into.length) {
            int n = in.read(into, done, into.length - done);
            if (n < 0) {
                throw new EOFException();
            }
            done += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
