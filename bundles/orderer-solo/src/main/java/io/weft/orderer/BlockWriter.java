package io.weft.orderer;

import java.util.List;
import java.util.Objects;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.SignatureHeader;

import com.google.protobuf.ByteString;

import io.weft.api.identity.SigningIdentity;
import io.weft.protoutil.BlockHashes;
import io.weft.protoutil.Envelopes;

/**
 * Fabric's orderer block writer: makes a channel's next block from a batch (number and previous hash chained to the
 * last block, data hash), then finishes it as Fabric's orderer does before appending it — {@code LAST_CONFIG} set to
 * the number of the block that carried the current config, and {@code SIGNATURES} holding an
 * {@code OrdererBlockMetadata} (last config, consenter metadata) signed by the orderer over that value, its signature
 * header and the block header. The last-config number moves to a block when the config sequence it is written under
 * has grown. Not thread-safe: one ordering thread per channel owns it.
 */
public final class BlockWriter {

    private final SigningIdentity signer;
    private BlockHeader lastHeader;
    private long lastConfigBlockNumber;
    private long lastConfigSequence;

    /**
     * @param lastBlock the channel's last block (its genesis block for a new channel)
     * @param lastConfigBlockNumber the number of the block holding the channel's current config
     * @param configSequence the current config's sequence
     */
    public BlockWriter(SigningIdentity signer, Block lastBlock, long lastConfigBlockNumber, long configSequence) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.lastHeader = lastBlock.getHeader();
        this.lastConfigBlockNumber = lastConfigBlockNumber;
        this.lastConfigSequence = configSequence;
    }

    /** Fabric's {@code CreateNextBlock}: the batch as the block after the last one, metadata not yet written. */
    public Block createNextBlock(List<Envelope> batch) {
        return block(lastHeader.getNumber() + 1, ByteString.copyFrom(BlockHashes.headerHash(lastHeader)), batch);
    }

    /**
     * The genesis block the orderer writes for a channel the system channel created: its first config transaction
     * alone, no previous hash and every metadata slot empty (Fabric's {@code CreateNextBlock} on an empty ledger).
     */
    public static Block genesisBlock(Envelope configTx) {
        return block(0, ByteString.EMPTY, List.of(configTx));
    }

    private static Block block(long number, ByteString previousHash, List<Envelope> batch) {
        BlockData.Builder data = BlockData.newBuilder();
        batch.forEach(e -> data.addData(e.toByteString()));
        BlockData built = data.build();
        BlockHeader header = BlockHeader.newBuilder().setNumber(number).setPreviousHash(previousHash)
                .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(built))).build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < BlockMetadataIndex.values().length - 1; i++) { // every slot but UNRECOGNIZED
            metadata.addMetadata(ByteString.EMPTY);
        }
        return Block.newBuilder().setHeader(header).setData(built).setMetadata(metadata).build();
    }

    /**
     * Finishes {@code block} (made by {@link #createNextBlock}) for appending, and makes it the last block.
     *
     * @param configSequence the sequence of the channel's config the block is written under (a config block passes the
     *        sequence of the config it carries)
     * @param consenterMetadata the consensus implementation's metadata for the block (solo: none)
     */
    public Block finish(Block block, long configSequence, ByteString consenterMetadata) {
        if (block.getHeader().getNumber() != lastHeader.getNumber() + 1) {
            throw new IllegalArgumentException("block " + block.getHeader().getNumber() + " does not follow block "
                    + lastHeader.getNumber());
        }
        if (configSequence > lastConfigSequence) {
            lastConfigBlockNumber = block.getHeader().getNumber();
            lastConfigSequence = configSequence;
        }
        LastConfig lastConfig = LastConfig.newBuilder().setIndex(lastConfigBlockNumber).build();
        ByteString value = OrdererBlockMetadata.newBuilder().setLastConfig(lastConfig)
                .setConsenterMetadata(Metadata.newBuilder().setValue(consenterMetadata).build().toByteString()).build()
                .toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder().setCreator(signer.serialize())
                .setNonce(Envelopes.nonce()).build().toByteString();
        byte[] signed = value.concat(signatureHeader).concat(ByteString.copyFrom(BlockHashes.headerBytes(
                block.getHeader()))).toByteArray();
        Metadata signatures = Metadata.newBuilder().setValue(value).addSignatures(MetadataSignature.newBuilder()
                .setSignatureHeader(signatureHeader).setSignature(ByteString.copyFrom(signer.sign(signed)))).build();
        BlockMetadata metadata = block.getMetadata().toBuilder()
                .setMetadata(BlockMetadataIndex.SIGNATURES_VALUE, signatures.toByteString())
                .setMetadata(BlockMetadataIndex.LAST_CONFIG_VALUE,
                        Metadata.newBuilder().setValue(lastConfig.toByteString()).build().toByteString())
                .build();
        Block finished = block.toBuilder().setMetadata(metadata).build();
        lastHeader = finished.getHeader();
        return finished;
    }

    /** The number of the block holding the channel's current config. */
    public long lastConfigBlockNumber() {
        return lastConfigBlockNumber;
    }
}
