package io.weft.ledger.history;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.weft.ledger.LedgerException;
import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;
import io.weft.ledger.encoding.DecodeException;

/**
 * Fabric 2.x history keys: {@code ns 0x00 ovarint(len(key)) key 0x00 ovarint(blockNum) ovarint(txNum)}, value
 * empty; all writes of a key sort together in commit order. {@code 's'} holds the savepoint.
 */
final class HistoryKeys {

    static final byte[] SAVEPOINT = {'s'};
    static final byte[] EMPTY = {};

    private HistoryKeys() {
    }

    static byte[] data(String ns, String key, long blockNum, long txNum) {
        byte[] prefix = keyPrefix(ns, key);
        return new ByteWriter(prefix.length + 18).raw(prefix).orderPreserving(blockNum).orderPreserving(txNum)
                .toByteArray();
    }

    /** {@code ns 0x00 ovarint(len(key)) key 0x00}: what every entry of the key starts with. */
    static byte[] keyPrefix(String ns, String key) {
        byte[] nsBytes = ns.getBytes(StandardCharsets.UTF_8);
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        return new ByteWriter(nsBytes.length + keyBytes.length + 11).raw(nsBytes).raw(0)
                .orderPreserving(keyBytes.length).raw(keyBytes).raw(0).toByteArray();
    }

    /** The scan end Fabric uses: the prefix followed by 0xff. */
    static byte[] scanEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length + 1);
        end[prefix.length] = (byte) 0xff;
        return end;
    }

    /** Block and transaction numbers of a stored key (the bytes after {@code offset}, which must be exactly that). */
    static long[] heights(byte[] stored, int offset) {
        ByteReader r = new ByteReader(stored, offset, stored.length - offset);
        try {
            long block = r.orderPreserving();
            long tx = r.orderPreserving();
            if (r.hasRemaining()) {
                throw new LedgerException("number of decoded bytes (" + (r.position() - offset)
                        + ") is not equal to the length of blockNumTranNumBytes (" + (stored.length - offset) + ")");
            }
            return new long[] {block, tx};
        } catch (DecodeException e) {
            throw new LedgerException("error decoding history key: " + e.getMessage(), e);
        }
    }
}
