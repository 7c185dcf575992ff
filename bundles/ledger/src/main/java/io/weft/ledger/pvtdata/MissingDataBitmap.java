package io.weft.ledger.pvtdata;

import java.nio.ByteBuffer;
import java.util.BitSet;

import io.weft.ledger.LedgerException;

/**
 * The value of a missing-data key: the transactions of the block that miss the collection's data,
 * in the binary form of Go's {@code bits-and-blooms/bitset}: {@code uint64 length in bits} then the
 * 64-bit words, all big-endian; bit {@code i} is bit {@code i % 64} of word {@code i / 64}.
 */
final class MissingDataBitmap {

    private MissingDataBitmap() {
    }

    static byte[] encode(BitSet bits) {
        long[] words = bits.toLongArray();
        ByteBuffer out = ByteBuffer.allocate(8 + 8 * words.length);
        out.putLong(bits.length());
        for (long w : words) {
            out.putLong(w);
        }
        return out.array();
    }

    static BitSet decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.remaining() < 8) {
            throw new LedgerException("error while decoding missing data value: unexpected EOF");
        }
        long length = in.getLong();
        long words = (length + 63) >>> 6;
        if (length < 0 || words > in.remaining() / 8) {
            throw new LedgerException("error while decoding missing data value: unexpected EOF");
        }
        long[] set = new long[(int) words];
        for (int i = 0; i < set.length; i++) {
            set[i] = in.getLong();
        }
        return BitSet.valueOf(set);
    }
}
