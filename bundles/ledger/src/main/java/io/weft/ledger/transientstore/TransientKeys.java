package io.weft.ledger.transientstore;

import java.nio.charset.StandardCharsets;

import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;
import io.weft.ledger.encoding.DecodeException;

/**
 * Keys of the transient store (store_helper.go), without the channel's database prefix:
 * {@code 'P' 00 txid 00 uuid 00 ovarint(height)} holds a write set, and two empty-valued indexes
 * find it by received-at height ({@code 'H' 00 ovarint(height) 00 txid 00 uuid}) and by txid
 * ({@code 'T' 00 txid 00 uuid 00 ovarint(height)}).
 */
final class TransientKeys {

    static final byte PVT_RWSET = 'P';
    static final byte BY_HEIGHT = 'H';
    static final byte BY_TXID = 'T';

    private TransientKeys() {
    }

    static byte[] pvtRwset(String txid, String uuid, long height) {
        return byTxidLayout(PVT_RWSET, txid, uuid, height);
    }

    static byte[] byTxid(String txid, String uuid, long height) {
        return byTxidLayout(BY_TXID, txid, uuid, height);
    }

    static byte[] byHeight(long height, String txid, String uuid) {
        return new ByteWriter(96).raw(BY_HEIGHT).raw(0).orderPreserving(height).raw(0).raw(utf8(txid)).raw(0)
                .raw(utf8(uuid)).toByteArray();
    }

    /**
     * Fabric's range over one txid under {@code prefix}: {@code [prefix 00 txid 00, prefix 00 txid ff)}.
     * It also covers longer txids starting with this one, which readers skip (Fabric's txids have one length).
     */
    static byte[][] txidRange(byte prefix, String txid) {
        byte[] id = utf8(txid);
        return new byte[][] {new ByteWriter(id.length + 3).raw(prefix).raw(0).raw(id).raw(0).toByteArray(),
                new ByteWriter(id.length + 3).raw(prefix).raw(0).raw(id).raw(0xFF).toByteArray()};
    }

    /** Height-index keys for heights {@code [0, maxHeight]}. */
    static byte[][] heightRange(long maxHeight) {
        return new byte[][] {new ByteWriter(4).raw(BY_HEIGHT).raw(0).orderPreserving(0).raw(0).toByteArray(),
                new ByteWriter(12).raw(BY_HEIGHT).raw(0).orderPreserving(maxHeight).raw(0xFF).toByteArray()};
    }

    /** Every height-index key. */
    static byte[][] allHeights() {
        return new byte[][] {new byte[] {BY_HEIGHT, 0}, new byte[] {BY_HEIGHT, 1}};
    }

    /** The txid, uuid and height of a {@code 'P'} or {@code 'T'} key read at {@code offset}. */
    static Entry decodeTxidLayout(byte[] key, int offset) {
        int txidStart = offset + 2;
        int txidEnd = indexOfZero(key, txidStart);
        int uuidEnd = indexOfZero(key, txidEnd + 1);
        long height = new ByteReader(key, uuidEnd + 1, key.length - uuidEnd - 1).orderPreserving();
        return new Entry(text(key, txidStart, txidEnd), text(key, txidEnd + 1, uuidEnd), height);
    }

    /** The txid, uuid and height of an {@code 'H'} key read at {@code offset}. */
    static Entry decodeByHeight(byte[] key, int offset) {
        ByteReader r = new ByteReader(key, offset + 2, key.length - offset - 2);
        long height = r.orderPreserving();
        int txidStart = r.position() + 1;
        int txidEnd = indexOfZero(key, txidStart);
        int uuidEnd = txidEnd + 1;
        while (uuidEnd < key.length && key[uuidEnd] != 0) {
            uuidEnd++;
        }
        return new Entry(text(key, txidStart, txidEnd), text(key, txidEnd + 1, uuidEnd), height);
    }

    private static byte[] byTxidLayout(byte prefix, String txid, String uuid, long height) {
        return new ByteWriter(96).raw(prefix).raw(0).raw(utf8(txid)).raw(0).raw(utf8(uuid)).raw(0)
                .orderPreserving(height).toByteArray();
    }

    private static int indexOfZero(byte[] key, int from) {
        for (int i = from; i < key.length; i++) {
            if (key[i] == 0) {
                return i;
            }
        }
        throw new DecodeException("no separator in a transient store key", false);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** One persisted write set's coordinates. */
    record Entry(String txid, String uuid, long height) {
    }
}
