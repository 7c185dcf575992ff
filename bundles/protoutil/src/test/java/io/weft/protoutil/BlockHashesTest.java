package io.weft.protoutil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

class BlockHashesTest {

    static final Path VECTORS = Path.of("../../../shared/fabric-vectors");

    @Test
    void blockZeroHeaderIsDerWithIntegerZero() {
        BlockHeader h = BlockHeader.newBuilder().setNumber(0).setDataHash(ByteString.copyFrom(new byte[] {1, 2})).build();
        // SEQUENCE { INTEGER 0, OCTET STRING (empty), OCTET STRING 0102 }
        assertThat(HexFormat.of().formatHex(BlockHashes.headerBytes(h))).isEqualTo("3009020100040004020102");
    }

    @Test
    void largeNumbersAreUnsigned() {
        BlockHeader h = BlockHeader.newBuilder().setNumber(-1L).build(); // uint64 max
        assertThat(HexFormat.of().formatHex(BlockHashes.headerBytes(h))).isEqualTo("300f020900ffffffffffffffff04000400");
    }

    @Test
    void fabricGenesisBlockDataHashMatchesItsHeader() throws Exception {
        Block block = Block.parseFrom(Files.readAllBytes(VECTORS.resolve("mychannel.block")));
        assertThat(BlockHashes.dataHash(block.getData())).isEqualTo(block.getHeader().getDataHash().toByteArray());
    }

    @Test
    void txIdIsHexSha256OfNonceAndCreator() {
        assertThat(TxIds.compute(ByteString.copyFromUtf8("a"), ByteString.copyFromUtf8("bc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
