package io.weft.ledger.state;

import io.weft.ledger.LedgerException;
import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;
import io.weft.ledger.encoding.DecodeException;

/**
 * Fabric's version of a committed key: the height (block number, transaction number) of the transaction that
 * wrote it. Both numbers are unsigned 64-bit values; stored as {@code ovarint(blockNum) ‖ ovarint(txNum)}.
 */
public record Version(long blockNum, long txNum) implements Comparable<Version> {

    /** The stored form, which sorts as the heights do. */
    public byte[] toBytes() {
        return new ByteWriter(18).orderPreserving(blockNum).orderPreserving(txNum).toByteArray();
    }

    /** Reads a version from the start of {@code bytes}; trailing bytes are ignored, as Fabric does. */
    public static Version fromBytes(byte[] bytes) {
        return read(new ByteReader(bytes));
    }

    static Version read(ByteReader reader) {
        try {
            return new Version(reader.orderPreserving(), reader.orderPreserving());
        } catch (DecodeException e) {
            throw new LedgerException("error decoding version: " + e.getMessage(), e);
        }
    }

    @Override
    public int compareTo(Version other) {
        int c = Long.compareUnsigned(blockNum, other.blockNum);
        return c != 0 ? c : Long.compareUnsigned(txNum, other.txNum);
    }

    /** Fabric's rendering, used in its error messages. */
    @Override
    public String toString() {
        return "{BlockNum: " + Long.toUnsignedString(blockNum) + ", TxNum: " + Long.toUnsignedString(txNum) + "}";
    }

    /** Fabric's {@code String()} of a possibly absent version. */
    public static String toString(Version version) {
        return version == null ? "<nil>" : version.toString();
    }
}
