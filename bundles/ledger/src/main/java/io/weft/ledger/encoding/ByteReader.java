package io.weft.ledger.encoding;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

/** Reads what {@link ByteWriter} writes, from a byte array it does not copy. */
public final class ByteReader {

    private final byte[] buf;
    private final int end;
    private int pos;

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    /** An unsigned varint of at most 64 bits. */
    public long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new DecodeException("unexpected end of data in a varint", true);
            }
            byte b = buf[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new DecodeException("varint longer than 64 bits", false);
    }

    /** A varint that must fit a non-negative int (lengths, counts). */
    public int length() {
        long value = varint();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new DecodeException("length " + Long.toUnsignedString(value) + " out of range", false);
        }
        return (int) value;
    }

    /** Fabric's order-preserving varint. */
    public long orderPreserving() {
        int length = byteValue();
        if (length > 8) {
            throw new DecodeException("order-preserving varint of " + length + " bytes", false);
        }
        need(length);
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = value << 8 | (buf[pos++] & 0xFF);
        }
        return value;
    }

    /** Fabric's reverse-order varint, as {@link ByteWriter#reverseOrder} writes it. */
    public long reverseOrder() {
        int ffBytes = byteValue();
        if (ffBytes > 8) {
            throw new DecodeException("reverse-order varint with " + ffBytes + " dropped bytes", false);
        }
        need(8 - ffBytes);
        long inverted = 0;
        for (int i = 0; i < 8; i++) {
            inverted = inverted << 8 | (i < ffBytes ? 0xFF : buf[pos++] & 0xFF);
        }
        return ~inverted;
    }

    /** {@code varint(length) ‖ bytes}, wrapped without a copy: the array must not change afterwards. */
    public ByteString lengthPrefixed() {
        int length = length();
        need(length);
        ByteString bytes = UnsafeByteOperations.unsafeWrap(buf, pos, length);
        pos += length;
        return bytes;
    }

    /** Skips {@code varint(length) ‖ bytes}. */
    public void skipLengthPrefixed() {
        int length = length();
        need(length);
        pos += length;
    }

    public int byteValue() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    /** The position in the underlying array. */
    public int position() {
        return pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n) {
        if (n > end - pos) {
            throw new DecodeException("unexpected end of data: need " + n + " bytes, " + (end - pos) + " left", true);
        }
    }
}
