package io.weft.ledger.blockstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;
import io.weft.ledger.encoding.DecodeException;

import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockCodecTest {

    @Test
    void roundTripsFabricsGenesisBlockAndLocatesItsTransaction() throws Exception {
        Block genesis = TestBlocks.genesis();
        BlockCodec.Serialized s = BlockCodec.serialize(genesis);
        assertThat(BlockCodec.deserialize(s.bytes())).isEqualTo(genesis);
        assertThat(s.transactions()).hasSize(1);
        TxLocation tx = s.transactions().get(0);
        // the location covers varint(length) ‖ envelope
        ByteReader at = new ByteReader(s.bytes(), tx.offset(), tx.length());
        assertThat(at.lengthPrefixed()).isEqualTo(genesis.getData().getData(0));
        assertThat(at.hasRemaining()).isFalse();
        BlockCodec.Info info = BlockCodec.info(s.bytes());
        assertThat(info.header()).isEqualTo(genesis.getHeader());
        assertThat(info.metadata()).isEqualTo(genesis.getMetadata());
        assertThat(info.transactions()).isEqualTo(s.transactions());
    }

    @Test
    void malformedEnvelopesAreStoredWithoutTxId() throws Exception {
        Block genesis = TestBlocks.genesis();
        Block odd = genesis.toBuilder().setData(genesis.getData().toBuilder()
                .addData(com.google.protobuf.ByteString.copyFromUtf8("not an envelope"))).build();
        BlockCodec.Serialized s = BlockCodec.serialize(odd);
        assertThat(s.transactions()).extracting(TxLocation::txId)
                .containsExactly("8fb6c55faa7ab8f9e452758076cca2a3376896f4594ef519c80741feaf6b82bf", "");
        assertThat(BlockCodec.deserialize(s.bytes())).isEqualTo(odd);
    }

    @Test
    void truncatedAndTrailingBytesAreReported() throws Exception {
        byte[] bytes = BlockCodec.serialize(TestBlocks.next(TestBlocks.genesis(), 3, 10)).bytes();
        assertThatThrownBy(() -> BlockCodec.deserialize(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.truncated()).isTrue());
        assertThatThrownBy(() -> BlockCodec.deserialize(java.util.Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.truncated()).isFalse())
                .hasMessage("1 bytes after the end of a serialized block");
    }

    @Test
    void varintsAndOrderPreservingVarints() {
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(new ByteWriter(1).varint(300).toByteArray())).isEqualTo("ac02");
        assertThat(hex.formatHex(new ByteWriter(1).varint(-1L).toByteArray())).isEqualTo("ffffffffffffffffff01");
        assertThat(hex.formatHex(new ByteWriter(1).orderPreserving(0).toByteArray())).isEqualTo("00");
        assertThat(hex.formatHex(new ByteWriter(1).orderPreserving(255).toByteArray())).isEqualTo("01ff");
        assertThat(hex.formatHex(new ByteWriter(1).orderPreserving(256).toByteArray())).isEqualTo("020100");
        assertThat(new ByteReader(new ByteWriter(1).varint(-1L).toByteArray()).varint()).isEqualTo(-1L);
        // unsigned byte order of the encodings follows numeric order
        long[] values = {0, 1, 127, 128, 255, 256, 65535, 65536, 1L << 40, Long.MAX_VALUE};
        for (int i = 1; i < values.length; i++) {
            byte[] a = new ByteWriter(1).orderPreserving(values[i - 1]).toByteArray();
            byte[] b = new ByteWriter(1).orderPreserving(values[i]).toByteArray();
            assertThat(java.util.Arrays.compareUnsigned(a, b)).isNegative();
            assertThat(new ByteReader(b).orderPreserving()).isEqualTo(values[i]);
        }
    }

    @Test
    void fileRecordsFollowFabricsFormat(@TempDir Path dir) throws Exception {
        List<Block> blocks = new ArrayList<>();
        blocks.add(TestBlocks.genesis());
        for (int i = 0; i < 20; i++) {
            blocks.add(TestBlocks.next(blocks.get(blocks.size() - 1), i % 4, 200));
        }
        Path file = BlockFiles.file(dir, 0);
        try (BlockFileWriter w = new BlockFileWriter(file)) {
            for (Block b : blocks) {
                byte[] bytes = BlockCodec.serialize(b).bytes();
                w.append(BlockFileWriter.lengthPrefix(bytes), bytes, false);
            }
            assertThat(w.size()).isEqualTo(Files.size(file));
        }
        assertThat(file.getFileName()).hasToString("blockfile_000000");
        assertThat(SpecBlockFileReader.readAll(file)).isEqualTo(blocks);
    }

    @Test
    void aTornLastRecordEndsTheStreamAtTheLastWholeRecord(@TempDir Path dir) throws Exception {
        Block genesis = TestBlocks.genesis();
        Block one = TestBlocks.next(genesis, 2, 100);
        Path file = BlockFiles.file(dir, 0);
        long wholeSize;
        try (BlockFileWriter w = new BlockFileWriter(file)) {
            for (Block b : List.of(genesis, one)) {
                byte[] bytes = BlockCodec.serialize(b).bytes();
                w.append(BlockFileWriter.lengthPrefix(bytes), bytes, true);
            }
            wholeSize = w.size();
            byte[] bytes = BlockCodec.serialize(TestBlocks.next(one, 2, 100)).bytes();
            w.append(BlockFileWriter.lengthPrefix(bytes), bytes, true);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(wholeSize + 7);
        }
        try (BlockFileStream stream = new BlockFileStream(file, 0)) {
            assertThat(BlockCodec.deserialize(stream.next().serializedBlock())).isEqualTo(genesis);
            BlockFileStream.Record second = stream.next();
            assertThat(BlockCodec.deserialize(second.serializedBlock())).isEqualTo(one);
            assertThat(stream.next()).isNull();
            assertThat(stream.torn()).isTrue();
            assertThat(stream.offset()).isEqualTo(wholeSize);
            assertThat(second.offset() + second.recordLength()).isEqualTo(wholeSize);
        }
        try (BlockFileWriter w = new BlockFileWriter(file)) {
            w.truncate(wholeSize);
        }
        try (BlockFileStream stream = new BlockFileStream(file, 0)) {
            stream.next();
            stream.next();
            assertThat(stream.next()).isNull();
            assertThat(stream.torn()).isFalse();
        }
    }

    @Test
    void checkpointInfoEncoding() {
        BlockFilesInfo info = new BlockFilesInfo(2, 1000, 42, false);
        assertThat(HexFormat.of().formatHex(info.encode())).isEqualTo("02e8072a00");
        assertThat(BlockFilesInfo.decode(info.encode())).isEqualTo(info);
        assertThat(BlockFilesInfo.decode(BlockFilesInfo.EMPTY.encode())).isEqualTo(BlockFilesInfo.EMPTY);
        assertThat(info.afterAppend(43, 10).nextFile()).isEqualTo(new BlockFilesInfo(3, 0, 43, false));
    }
}
