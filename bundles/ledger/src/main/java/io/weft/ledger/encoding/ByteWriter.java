package io.weft.ledger.encoding;

import java.util.Arrays;

import com.google.protobuf.ByteString;

/**
 * Appends Fabric's ledger encodings to a growing byte array: unsigned varints (protobuf's wire
 * varint), length-prefixed byte strings and Fabric's order-preserving varint used in index keys.
 */
public final class ByteWriter {

    private byte[] buf;
    private int size;

    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Bytes needed for {@code value} as an unsigned varint. */
    public static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    /** {@code value} as an unsigned varint (protobuf wire format, the value read as unsigned 64 bits). */
    public ByteWriter varint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buf[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
        return this;
    }

    /** Fabric's order-preserving encoding: one length byte, then the minimal big-endian bytes (0 → {@code 00}). */
    public ByteWriter orderPreserving(long value) {
        int length = value == 0 ? 0 : 8 - Long.numberOfLeadingZeros(value) / 8;
        ensure(1 + length);
        buf[size++] = (byte) length;
        for (int i = length - 1; i >= 0; i--) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    /**
     * Fabric's reverse-order varint (private data store): {@code ~value} big-endian with its leading
     * {@code ff} bytes dropped and counted in a first byte, so larger values sort first.
     */
    public ByteWriter reverseOrder(long value) {
        long inverted = ~value;
        int ffBytes = 0;
        while (ffBytes < 8 && (inverted >>> (56 - 8 * ffBytes) & 0xFF) == 0xFF) {
            ffBytes++;
        }
        ensure(9 - ffBytes);
        buf[size++] = (byte) ffBytes;
        for (int i = 7 - ffBytes; i >= 0; i--) {
            buf[size++] = (byte) (inverted >>> (8 * i));
        }
        return this;
    }

    /** {@code varint(length) ‖ bytes}. */
    public ByteWriter lengthPrefixed(ByteString bytes) {
        varint(bytes.size());
        return raw(bytes);
    }

    /** {@code varint(length) ‖ bytes}. */
    public ByteWriter lengthPrefixed(byte[] bytes) {
        varint(bytes.length);
        return raw(bytes);
    }

    public ByteWriter raw(ByteString bytes) {
        ensure(bytes.size());
        bytes.copyTo(buf, size);
        size += bytes.size();
        return this;
    }

    public ByteWriter raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    public ByteWriter raw(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written, sized exactly. */
    public byte[] toByteArray() {
        return buf.length == size ? buf : Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
