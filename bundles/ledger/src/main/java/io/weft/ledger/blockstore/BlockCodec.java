package io.weft.ledger.blockstore;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;
import io.weft.ledger.encoding.DecodeException;
import io.weft.protoutil.TxIds;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;

/**
 * Fabric's on-disk block serialization (not a Block proto): {@code varint(number) ‖ lp(data_hash) ‖
 * lp(previous_hash) ‖ varint(#tx) ‖ lp(envelope)* ‖ varint(#metadata) ‖ lp(metadata)*}, where
 * {@code lp} is a varint length followed by the bytes.
 */
public final class BlockCodec {

    private BlockCodec() {
    }

    /** A block in Fabric's serialization with the location of each of its transactions. */
    public record Serialized(byte[] bytes, List<TxLocation> transactions) {
    }

    /** What the index needs from a serialized block, without the envelopes. */
    public record Info(BlockHeader header, List<TxLocation> transactions, BlockMetadata metadata) {
    }

    public static Serialized serialize(Block block) {
        return serialize(block, null);
    }

    /** As {@link #serialize(Block)}, with the transactions' ids known already (null: read them from the envelopes). */
    public static Serialized serialize(Block block, List<String> txIds) {
        BlockHeader header = block.getHeader();
        ByteWriter out = new ByteWriter(block.getSerializedSize() + 16);
        out.varint(header.getNumber()).lengthPrefixed(header.getDataHash()).lengthPrefixed(header.getPreviousHash());
        List<ByteString> envelopes = block.getData().getDataList();
        List<TxLocation> txs = new ArrayList<>(envelopes.size());
        out.varint(envelopes.size());
        for (ByteString envelope : envelopes) {
            int offset = out.size();
            out.lengthPrefixed(envelope);
            String txId = txIds == null ? txIdOrEmpty(envelope) : txIds.get(txs.size());
            txs.add(new TxLocation(txId, offset, out.size() - offset));
        }
        List<ByteString> metadata = block.getMetadata().getMetadataList();
        out.varint(metadata.size());
        metadata.forEach(out::lengthPrefixed);
        return new Serialized(out.toByteArray(), List.copyOf(txs));
    }

    /** The block; its byte strings share {@code bytes}, which must not change afterwards. */
    public static Block deserialize(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        BlockHeader header = header(in);
        BlockData.Builder data = BlockData.newBuilder();
        int count = in.length();
        for (int i = 0; i < count; i++) {
            data.addData(in.lengthPrefixed());
        }
        Block block = Block.newBuilder().setHeader(header).setData(data).setMetadata(metadata(in)).build();
        requireEnd(in);
        return block;
    }

    public static Info info(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        BlockHeader header = header(in);
        int count = in.length();
        List<TxLocation> txs = new ArrayList<>(Math.min(count, bytes.length));
        for (int i = 0; i < count; i++) {
            int offset = in.position();
            ByteString envelope = in.lengthPrefixed();
            txs.add(new TxLocation(txIdOrEmpty(envelope), offset, in.position() - offset));
        }
        Info info = new Info(header, List.copyOf(txs), metadata(in));
        requireEnd(in);
        return info;
    }

    /** The header alone, read from the start of a serialized block. */
    public static BlockHeader header(byte[] bytes) {
        return header(new ByteReader(bytes));
    }

    private static BlockHeader header(ByteReader in) {
        return BlockHeader.newBuilder().setNumber(in.varint()).setDataHash(in.lengthPrefixed())
                .setPreviousHash(in.lengthPrefixed()).build();
    }

    private static BlockMetadata metadata(ByteReader in) {
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        int count = in.length();
        for (int i = 0; i < count; i++) {
            metadata.addMetadata(in.lengthPrefixed());
        }
        return metadata.build();
    }

    private static void requireEnd(ByteReader in) {
        if (in.hasRemaining()) {
            throw new DecodeException(in.remaining() + " bytes after the end of a serialized block", false);
        }
    }

    private static String txIdOrEmpty(ByteString envelope) {
        try {
            return TxIds.fromEnvelope(envelope);
        } catch (InvalidProtocolBufferException e) {
            // a malformed transaction is stored and indexed by position only, as Fabric does
            return "";
        }
    }
}
