package io.weft.orderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.weft.core.committer.BlockVerifier;
import io.weft.core.committer.CommitterFixtures;
import io.weft.protoutil.BlockHashes;
import io.weft.protoutil.BlockMetadatas;

/**
 * Blocks written after the vectors' mychannel genesis block with the vector orderer's key pass the peer's own block
 * checks (numbers, hash chain, data hash, the orderer signature against {@code /Channel/Orderer/BlockValidation}) and
 * carry the metadata Fabric's orderer writes.
 */
class BlockWriterTest {

    static CommitterFixtures fx;

    @BeforeAll
    static void setUp() throws Exception {
        fx = CommitterFixtures.get();
    }

    /** An envelope of mychannel (the peer's block checks read tx 0's channel); its data says which one it is. */
    static Envelope tx(String text) {
        ChannelHeader chdr = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(CommitterFixtures.CHANNEL).setTxId(text).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(chdr.toByteString()))
                .setData(ByteString.copyFromUtf8(text)).build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).setSignature(ByteString.copyFromUtf8("s"))
                .build();
    }

    @Test
    void blocksChainFromTheGenesisBlockAndPassThePeersBlockChecks() throws Exception {
        BlockWriter writer = new BlockWriter(fx.orderer, fx.genesis, 0, 0);
        BlockVerifier verifier = new BlockVerifier(CommitterFixtures.CHANNEL, fx.config::policyManager);

        Block one = writer.finish(writer.createNextBlock(List.of(tx("a"), tx("b"))), 0, ByteString.EMPTY);
        verifier.verify(one, 1, BlockHashes.headerHash(fx.genesis.getHeader()));
        Block two = writer.finish(writer.createNextBlock(List.of(tx("c"))), 0, ByteString.EMPTY);
        verifier.verify(two, 2, BlockHashes.headerHash(one.getHeader()));

        assertThat(two.getData().getDataList()).containsExactly(tx("c").toByteString());
        assertThat(two.getMetadata().getMetadataCount()).isEqualTo(5);
        assertThat(BlockMetadatas.lastConfigIndex(two)).isZero();
        Metadata lastConfig = Metadata.parseFrom(two.getMetadata().getMetadata(BlockMetadataIndex.LAST_CONFIG_VALUE));
        assertThat(LastConfig.parseFrom(lastConfig.getValue()).getIndex()).isZero();
        Metadata signatures = Metadata.parseFrom(two.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
        OrdererBlockMetadata value = OrdererBlockMetadata.parseFrom(signatures.getValue());
        assertThat(Metadata.parseFrom(value.getConsenterMetadata()).getValue()).isEmpty();
        assertThat(signatures.getSignaturesCount()).isOne();
    }

    @Test
    void theLastConfigMovesToTheBlockWrittenUnderANewConfigSequence() throws Exception {
        BlockWriter writer = new BlockWriter(fx.orderer, fx.genesis, 0, 0);
        writer.finish(writer.createNextBlock(List.of(tx("a"))), 0, ByteString.EMPTY);
        Block config = writer.finish(writer.createNextBlock(List.of(tx("config"))), 1, ByteString.EMPTY);
        Block after = writer.finish(writer.createNextBlock(List.of(tx("b"))), 1, ByteString.EMPTY);
        assertThat(BlockMetadatas.lastConfigIndex(config)).isEqualTo(2);
        assertThat(BlockMetadatas.lastConfigIndex(after)).isEqualTo(2);
        assertThat(writer.lastConfigBlockNumber()).isEqualTo(2);
    }

    @Test
    void onlyTheNextBlockCanBeFinished() {
        BlockWriter writer = new BlockWriter(fx.orderer, fx.genesis, 0, 0);
        Block one = writer.createNextBlock(List.of(tx("a")));
        writer.finish(one, 0, ByteString.EMPTY);
        assertThatThrownBy(() -> writer.finish(one, 0, ByteString.EMPTY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("block 1 does not follow block 1");
    }
}
