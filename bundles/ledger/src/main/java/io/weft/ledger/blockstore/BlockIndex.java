package io.weft.ledger.blockstore;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.google.protobuf.ByteString;

import io.weft.api.storage.RangeIterator;
import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;
import io.weft.ledger.kv.DbHandle;

import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Fabric's block index in a channel's database of {@code chains/index}: block number and header
 * hash to the block's record, transaction id (every occurrence) to block, transaction and
 * validation code, (block, tx number) to the transaction, and the last block indexed.
 */
final class BlockIndex {

    private static final byte BY_NUMBER = 'n';
    private static final byte BY_HASH = 'h';
    private static final byte BY_TXID = 't';
    private static final byte BY_BLOCK_TX = 'a';
    private static final byte[] CHECKPOINT = "indexCheckpointKey".getBytes(StandardCharsets.UTF_8);

    /** Where a transaction id was found: the first occurrence, as Fabric answers lookups. */
    record TxEntry(long blockNumber, FileLocation block, FileLocation tx, int validationCode) {
    }

    private final DbHandle db;

    BlockIndex(DbHandle db) {
        this.db = db;
    }

    /** The last block indexed, or empty when nothing is. */
    Optional<Long> lastIndexed() {
        byte[] v = db.get(CHECKPOINT);
        return v == null ? Optional.empty() : Optional.of(new ByteReader(v).varint());
    }

    /**
     * Indexes one block in a single batch.
     *
     * @param block where its record starts (length 0)
     * @param txs transaction locations relative to the record start (after the length prefix shift)
     */
    void index(long number, byte[] headerHash, FileLocation block, List<TxLocation> txs, BlockMetadata metadata) {
        ByteString filter = metadata.getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? metadata.getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) : ByteString.EMPTY;
        byte[] blockBytes = block.encode();
        DbHandle.Batch batch = db.newBatch();
        batch.put(key(BY_HASH).raw(headerHash).toByteArray(), blockBytes);
        batch.put(key(BY_NUMBER).orderPreserving(number).toByteArray(), blockBytes);
        for (int i = 0; i < txs.size(); i++) {
            TxLocation tx = txs.get(i);
            byte[] txBytes = new FileLocation(block.fileNumber(), block.offset() + tx.offset(), tx.length()).encode();
            int code = i < filter.size() ? filter.byteAt(i) & 0xFF : TxValidationCode.NOT_VALIDATED_VALUE;
            batch.put(txIdKey(tx.txId()).orderPreserving(number).orderPreserving(i).toByteArray(),
                    txIdValue(blockBytes, txBytes, code));
            batch.put(key(BY_BLOCK_TX).orderPreserving(number).orderPreserving(i).toByteArray(), txBytes);
        }
        batch.put(CHECKPOINT, new ByteWriter(10).varint(number).toByteArray());
        // not synced (Fabric syncs "as a precaution"): entries lost in a machine crash are
        // re-indexed from the synced block files at open, from the checkpoint written with them
        db.write(batch, false);
    }

    Optional<FileLocation> blockByNumber(long number) {
        return location(key(BY_NUMBER).orderPreserving(number).toByteArray());
    }

    Optional<FileLocation> blockByHash(byte[] hash) {
        return location(key(BY_HASH).raw(hash).toByteArray());
    }

    Optional<FileLocation> tx(long blockNumber, long txNumber) {
        return location(key(BY_BLOCK_TX).orderPreserving(blockNumber).orderPreserving(txNumber).toByteArray());
    }

    /** The first occurrence of {@code txId} in block order. */
    Optional<TxEntry> txById(String txId) {
        byte[] start = txIdKey(txId).toByteArray();
        byte[] end = new ByteWriter(start.length + 1).raw(start).raw(0xFF).toByteArray();
        try (RangeIterator it = db.range(start, end)) {
            if (!it.next()) {
                return Optional.empty();
            }
            byte[] key = it.key();
            ByteReader numbers = new ByteReader(key, db.prefixLength() + start.length,
                    key.length - db.prefixLength() - start.length);
            return Optional.of(decodeTxIdValue(numbers.orderPreserving(), it.value()));
        }
    }

    private Optional<FileLocation> location(byte[] key) {
        byte[] v = db.get(key);
        return v == null ? Optional.empty() : Optional.of(FileLocation.decode(v));
    }

    private static ByteWriter key(byte kind) {
        return new ByteWriter(48).raw(kind);
    }

    private static ByteWriter txIdKey(String txId) {
        byte[] id = txId.getBytes(StandardCharsets.UTF_8);
        return key(BY_TXID).orderPreserving(id.length).raw(id);
    }

    // TxIDIndexValue{blk_location 1, tx_location 2, tx_validation_code 3} in protobuf wire form
    private static byte[] txIdValue(byte[] block, byte[] tx, int code) {
        ByteWriter w = new ByteWriter(block.length + tx.length + 8);
        w.raw(0x0A).lengthPrefixed(block).raw(0x12).lengthPrefixed(tx);
        if (code != 0) {
            w.raw(0x18).varint(code);
        }
        return w.toByteArray();
    }

    private static TxEntry decodeTxIdValue(long blockNumber, byte[] value) {
        ByteReader in = new ByteReader(value);
        FileLocation block = null;
        FileLocation tx = null;
        int code = 0;
        while (in.hasRemaining()) {
            int tag = in.byteValue();
            switch (tag) {
                case 0x0A -> block = FileLocation.decode(in.lengthPrefixed().toByteArray());
                case 0x12 -> tx = FileLocation.decode(in.lengthPrefixed().toByteArray());
                case 0x18 -> code = (int) in.varint();
                default -> throw new io.weft.ledger.encoding.DecodeException("unexpected field tag " + tag
                        + " in a txid index value", false);
            }
        }
        if (block == null || tx == null) {
            throw new io.weft.ledger.encoding.DecodeException("txid index value without locations", false);
        }
        return new TxEntry(blockNumber, block, tx, code);
    }
}
