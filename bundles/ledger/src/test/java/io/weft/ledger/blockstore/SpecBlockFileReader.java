package io.weft.ledger.blockstore;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;

/**
 * A reader of Fabric block files written only from FABRIC-REFERENCE.md §8.2, sharing no code with
 * the store: record = varint(len) ‖ serialized; serialized = varint(number) ‖ lp(data_hash) ‖
 * lp(previous_hash) ‖ varint(#tx) ‖ lp(envelope)* ‖ varint(#md) ‖ lp(metadata)*.
 */
final class SpecBlockFileReader {

    private SpecBlockFileReader() {
    }

    static List<Block> readAll(Path blockFile) throws IOException {
        List<Block> blocks = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(blockFile))) {
            while (true) {
                long length;
                try {
                    length = varint(in);
                } catch (EOFException end) {
                    return blocks;
                }
                byte[] record = in.readNBytes((int) length);
                if (record.length != length) {
                    throw new EOFException("short record");
                }
                blocks.add(decode(new DataInputStream(new java.io.ByteArrayInputStream(record))));
            }
        }
    }

    private static Block decode(DataInputStream in) throws IOException {
        BlockHeader header = BlockHeader.newBuilder().setNumber(varint(in)).setDataHash(lp(in))
                .setPreviousHash(lp(in)).build();
        BlockData.Builder data = BlockData.newBuilder();
        for (long n = varint(in); n > 0; n--) {
            data.addData(lp(in));
        }
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (long n = varint(in); n > 0; n--) {
            metadata.addMetadata(lp(in));
        }
        if (in.read() != -1) {
            throw new IOException("trailing bytes in a record");
        }
        return Block.newBuilder().setHeader(header).setData(data).setMetadata(metadata).build();
    }

    private static ByteString lp(InputStream in) throws IOException {
        int length = (int) varint(in);
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException();
        }
        return ByteString.copyFrom(bytes);
    }

    private static long varint(InputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("varint too long");
    }
}
