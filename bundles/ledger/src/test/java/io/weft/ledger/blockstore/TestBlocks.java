package io.weft.ledger.blockstore;

import java.io.IOException;

import com.google.protobuf.ByteString;

import io.weft.protoutil.BlockHashes;
import io.weft.testing.FabricVectors;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;

/** Blocks for block-store tests: Fabric's genesis block and chained blocks of simple transactions. */
final class TestBlocks {

    private TestBlocks() {
    }

    static Block genesis() throws IOException {
        return Block.parseFrom(FabricVectors.bytes("mychannel.block"));
    }

    /** Block {@code number} after {@code previous}, holding {@code txCount} transactions with ids {@code tx<number>-<i>}. */
    static Block next(Block previous, int txCount, int payloadSize) {
        long number = previous.getHeader().getNumber() + 1;
        BlockData.Builder data = BlockData.newBuilder();
        for (int i = 0; i < txCount; i++) {
            ChannelHeader ch = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                    .setChannelId("mychannel").setTxId("tx" + number + "-" + i).build();
            Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(ch.toByteString()))
                    .setData(ByteString.copyFrom(new byte[payloadSize])).build();
            data.addData(Envelope.newBuilder().setPayload(payload.toByteString())
                    .setSignature(ByteString.copyFromUtf8("sig")).build().toByteString());
        }
        BlockData built = data.build();
        BlockHeader header = BlockHeader.newBuilder().setNumber(number)
                .setPreviousHash(ByteString.copyFrom(BlockHashes.headerHash(previous.getHeader())))
                .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(built))).build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < 5; i++) {
            metadata.addMetadata(i == 2 ? ByteString.copyFrom(new byte[txCount]) : ByteString.EMPTY);
        }
        return Block.newBuilder().setHeader(header).setData(built).setMetadata(metadata).build();
    }
}
