package io.weft.ledger.pvtdata;

import java.nio.charset.StandardCharsets;

import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;
import io.weft.ledger.encoding.DecodeException;

/**
 * Keys of Fabric's private data store (kv_encoding.go), without the channel's database prefix. A
 * height is {@code ovarint(blockNum) ‖ ovarint(txNum)}; missing-data keys carry the block number in
 * reverse order so that the newest block sorts first.
 */
final class PvtDataKeys {

    static final byte[] PENDING_COMMIT = {0};
    static final byte[] LAST_COMMITTED_BLOCK = {1};
    static final byte DATA = 2;
    static final byte EXPIRY = 3;
    static final byte ELG_PRIORITIZED_MISSING = 4;
    static final byte INELIGIBLE_MISSING = 5;
    static final byte COLL_ELIGIBILITY = 6;
    static final byte ELG_DEPRIORITIZED_MISSING = 8;
    static final byte BOOT_KV_HASHES = 9;
    static final byte HASHED_INDEX = 'b';

    private PvtDataKeys() {
    }

    /** {@code 02 ‖ height(blk, tx) ‖ ns 00 coll}. */
    static byte[] data(String ns, String coll, long blockNum, long txNum) {
        return nsColl(height(DATA, blockNum, txNum), ns, coll).toByteArray();
    }

    /** The data keys of block {@code blockNum}: {@code [02 ‖ height(blk, 0), 02 ‖ height(blk + 1, 0))}. */
    static byte[][] dataRange(long blockNum) {
        return new byte[][] {height(DATA, blockNum, 0).toByteArray(), height(DATA, blockNum + 1, 0).toByteArray()};
    }

    /** A data key read at {@code offset} of {@code key}. */
    static DataKey decodeData(byte[] key, int offset) {
        ByteReader r = new ByteReader(key, offset + 1, key.length - offset - 1);
        long blockNum = r.orderPreserving();
        long txNum = r.orderPreserving();
        int start = r.position();
        int sep = indexOfZero(key, start);
        return new DataKey(text(key, start, sep), text(key, sep + 1, key.length), blockNum, txNum);
    }

    /** {@code 03 ‖ height(expiringBlk, committingBlk)}. */
    static byte[] expiry(long expiringBlock, long committingBlock) {
        return height(EXPIRY, expiringBlock, committingBlock).toByteArray();
    }

    /** The expiry keys of blocks expiring in {@code [minBlock, maxBlock]}. */
    static byte[][] expiryRange(long minBlock, long maxBlock) {
        return new byte[][] {expiry(minBlock, 0), expiry(maxBlock + 1, 0)};
    }

    /** {@code {expiringBlock, committingBlock}} of an expiry key read at {@code offset}. */
    static long[] decodeExpiry(byte[] key, int offset) {
        ByteReader r = new ByteReader(key, offset + 1, key.length - offset - 1);
        return new long[] {r.orderPreserving(), r.orderPreserving()};
    }

    /** {@code group ‖ rev(blk) ‖ ns 00 coll} for the eligible (prioritized or deprioritized) groups. */
    static byte[] eligibleMissing(byte group, String ns, String coll, long blockNum) {
        return nsColl(new ByteWriter(16).raw(group).reverseOrder(blockNum), ns, coll).toByteArray();
    }

    /** The eligible keys of a group for blocks {@code startingBlock} down to 1 (Fabric's range leaves out block 0). */
    static byte[][] eligibleMissingRange(byte group, long startingBlock) {
        return new byte[][] {new ByteWriter(10).raw(group).reverseOrder(startingBlock).toByteArray(),
                new ByteWriter(10).raw(group).reverseOrder(0).toByteArray()};
    }

    /** An eligible missing-data key read at {@code offset}. */
    static MissingKey decodeEligibleMissing(byte[] key, int offset) {
        ByteReader r = new ByteReader(key, offset + 1, key.length - offset - 1);
        long blockNum = r.reverseOrder();
        int start = r.position();
        int sep = indexOfZero(key, start);
        return new MissingKey(text(key, start, sep), text(key, sep + 1, key.length), blockNum);
    }

    /** {@code 05 ‖ ns 00 coll 00 rev(blk)}. */
    static byte[] ineligibleMissing(String ns, String coll, long blockNum) {
        return nsColl(new ByteWriter(16).raw(INELIGIBLE_MISSING), ns, coll).raw(0).reverseOrder(blockNum)
                .toByteArray();
    }

    /** The ineligible keys of a collection for blocks {@code maxBlock} down to 1 (block 0 left out, as in Fabric). */
    static byte[][] ineligibleMissingRange(String ns, String coll, long maxBlock) {
        return new byte[][] {ineligibleMissing(ns, coll, maxBlock), ineligibleMissing(ns, coll, 0)};
    }

    /** The block number of an ineligible missing-data key read at {@code offset}: it follows the second separator. */
    static MissingKey decodeIneligibleMissing(byte[] key, int offset) {
        int nsEnd = indexOfZero(key, offset + 1);
        int collEnd = indexOfZero(key, nsEnd + 1);
        long blockNum = new ByteReader(key, collEnd + 1, key.length - collEnd - 1).reverseOrder();
        return new MissingKey(text(key, offset + 1, nsEnd), text(key, nsEnd + 1, collEnd), blockNum);
    }

    /** {@code 06 ‖ rev(blk)}: an eligibility event of the block that made this peer a collection member. */
    static byte[] collEligibility(long blockNum) {
        return new ByteWriter(10).raw(COLL_ELIGIBILITY).reverseOrder(blockNum).toByteArray();
    }

    /** The eligibility events of all blocks but 0, newest first. */
    static byte[][] collEligibilityRange() {
        return new byte[][] {collEligibility(-1L), collEligibility(0)};
    }

    /** {@code 09 ‖ height(blk, tx) ‖ ns 00 coll}: hashes loaded from a snapshot. */
    static byte[] bootKvHashes(String ns, String coll, long blockNum, long txNum) {
        return nsColl(height(BOOT_KV_HASHES, blockNum, txNum), ns, coll).toByteArray();
    }

    /** {@code 'b' ‖ ns 00 coll 00 sha256(key) ‖ height(blk, tx)}; its value is the key itself. */
    static byte[] hashedIndex(String ns, String coll, byte[] keyHash, long blockNum, long txNum) {
        return nsColl(new ByteWriter(64).raw(HASHED_INDEX), ns, coll).raw(0).raw(keyHash)
                .orderPreserving(blockNum).orderPreserving(txNum).toByteArray();
    }

    /** The hashed index keys of one private key in any block. */
    static byte[][] hashedIndexRange(String ns, String coll, byte[] keyHash) {
        return new byte[][] {hashedIndex(ns, coll, keyHash, 0, 0), hashedIndex(ns, coll, keyHash, -1L, -1L)};
    }

    private static ByteWriter height(byte prefix, long blockNum, long txNum) {
        return new ByteWriter(32).raw(prefix).orderPreserving(blockNum).orderPreserving(txNum);
    }

    private static ByteWriter nsColl(ByteWriter w, String ns, String coll) {
        return w.raw(ns.getBytes(StandardCharsets.UTF_8)).raw(0).raw(coll.getBytes(StandardCharsets.UTF_8));
    }

    private static int indexOfZero(byte[] key, int from) {
        for (int i = from; i < key.length; i++) {
            if (key[i] == 0) {
                return i;
            }
        }
        throw new DecodeException("no namespace separator in a private data store key", false);
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** A data entry's coordinates. */
    record DataKey(String ns, String coll, long blockNum, long txNum) {
    }

    /** A missing-data entry's coordinates; its value is the bitmap of transactions. */
    record MissingKey(String ns, String coll, long blockNum) {
    }
}
