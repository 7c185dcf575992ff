package io.weft.protoutil;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/** Reading what orderers write into a block's metadata. */
public final class BlockMetadatas {

    private BlockMetadatas() {
    }

    /**
     * The number of the config block in force for {@code block} (Fabric's {@code GetLastConfigIndexFromBlock}): from
     * the {@code OrdererBlockMetadata} of the SIGNATURES slot (Fabric 2.x orderers), else from the deprecated
     * LAST_CONFIG slot; a genesis block without either is its own config block.
     *
     * @throws InvalidProtocolBufferException when the metadata that is present does not decode
     */
    public static long lastConfigIndex(Block block) throws InvalidProtocolBufferException {
        ByteString signatures = slot(block, BlockMetadataIndex.SIGNATURES_VALUE);
        if (!signatures.isEmpty()) {
            Metadata md = Metadata.parseFrom(signatures);
            if (!md.getValue().isEmpty()) {
                OrdererBlockMetadata obm = OrdererBlockMetadata.parseFrom(md.getValue());
                if (obm.hasLastConfig()) {
                    return obm.getLastConfig().getIndex();
                }
            }
        }
        ByteString lastConfig = slot(block, BlockMetadataIndex.LAST_CONFIG_VALUE);
        if (!lastConfig.isEmpty()) {
            return LastConfig.parseFrom(Metadata.parseFrom(lastConfig).getValue()).getIndex();
        }
        if (block.getHeader().getNumber() == 0) {
            return 0;
        }
        throw new InvalidProtocolBufferException("block " + block.getHeader().getNumber()
                + " carries no last config index in its metadata");
    }

    private static ByteString slot(Block block, int index) {
        return block.getMetadata().getMetadataCount() > index ? block.getMetadata().getMetadata(index) : ByteString.EMPTY;
    }
}
