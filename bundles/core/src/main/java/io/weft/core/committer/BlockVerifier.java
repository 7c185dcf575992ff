package io.weft.core.committer;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.policies.PolicyException;
import io.weft.policies.PolicyManager;
import io.weft.protoutil.BlockHashes;
import io.weft.protoutil.SignedData;

/**
 * Fabric's block verification on the peer (gossip's {@code VerifyBlock} plus the block store's header chain check):
 * expected number, the channel of transaction 0, metadata present, well-formed transactions and {@code data_hash},
 * {@code previous_hash}, and the orderer signatures in metadata slot 0 against
 * {@code /Channel/Orderer/BlockValidation}. Thread-safe; the policy manager is fetched per block because config
 * blocks replace it.
 */
public final class BlockVerifier {

    private final String channelId;
    private final Supplier<PolicyManager> policies;

    /**
     * @param channelId the channel the blocks belong to
     * @param policies  the channel's current policy manager ({@code ChannelConfig.policyManager()})
     */
    public BlockVerifier(String channelId, Supplier<PolicyManager> policies) {
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /**
     * Verifies {@code block} as the next block of the chain.
     *
     * @param expectedNumber the ledger height
     * @param previousHash   header hash of the block before, or {@code null} when not known (genesis)
     * @throws BlockVerificationException with Fabric's message
     */
    public void verify(Block block, long expectedNumber, byte[] previousHash) throws BlockVerificationException {
        verify(block, expectedNumber, previousHash, true);
    }

    /**
     * As {@link #verify} but without the per-entry canonical-form check, which the caller makes itself with
     * {@link WellFormedTransactions#parse} (the committer does it on its validator threads) before committing.
     */
    void verifyExceptEntries(Block block, long expectedNumber, byte[] previousHash) throws BlockVerificationException {
        verify(block, expectedNumber, previousHash, false);
    }

    private void verify(Block block, long expectedNumber, byte[] previousHash, boolean entries)
            throws BlockVerificationException {
        if (!block.hasHeader()) {
            throw new BlockVerificationException(
                    "Invalid Block on channel [" + channelId + "]. Header must be different from nil.");
        }
        BlockHeader header = block.getHeader();
        long number = header.getNumber();
        if (number != expectedNumber) {
            throw new BlockVerificationException("Claimed seqNum is [" + Long.toUnsignedString(expectedNumber)
                    + "] but actual seqNum inside block is [" + Long.toUnsignedString(number) + "]");
        }
        String blockChannel;
        try {
            blockChannel = channelOf(block);
        } catch (BlockVerificationException e) {
            throw new BlockVerificationException("Failed getting channel id from block with id ["
                    + Long.toUnsignedString(number) + "] on channel [" + channelId + "]: [" + e.getMessage() + "]", e);
        }
        if (!blockChannel.equals(channelId)) {
            throw new BlockVerificationException(
                    "Invalid block's channel id. Expected [" + channelId + "]. Given [" + blockChannel + "]");
        }
        if (block.getMetadata().getMetadataCount() == 0) {
            throw new BlockVerificationException("Block with id [" + Long.toUnsignedString(number) + "] on channel ["
                    + channelId + "] does not have metadata. Block not valid.");
        }
        if (entries) {
            WellFormedTransactions.check(block.getData().getDataList());
        }
        if (!ByteString.copyFrom(BlockHashes.dataHash(block.getData())).equals(header.getDataHash())) {
            throw new BlockVerificationException("Header.DataHash is different from Hash(block.Data) for block with id ["
                    + Long.toUnsignedString(number) + "] on channel [" + channelId + "]");
        }
        if (previousHash != null && !header.getPreviousHash().equals(ByteString.copyFrom(previousHash))) {
            HexFormat hex = HexFormat.of();
            throw new BlockVerificationException("unexpected Previous block hash. Expected PreviousHash = ["
                    + hex.formatHex(previousHash) + "], PreviousHash referred in the latest block= ["
                    + hex.formatHex(header.getPreviousHash().toByteArray()) + "]");
        }
        verifySignatures(header, block);
    }

    private void verifySignatures(BlockHeader header, Block block) throws BlockVerificationException {
        if (block.getMetadata().getMetadataCount() < BlockMetadataIndex.SIGNATURES_VALUE + 1) {
            throw new BlockVerificationException("no signatures in block metadata");
        }
        Metadata md;
        try {
            md = Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
        } catch (InvalidProtocolBufferException e) {
            throw new BlockVerificationException("error unmarshalling signatures from metadata: " + e.getMessage()
                    + ": " + e.getMessage(), e);
        }
        ByteString headerDer = ByteString.copyFrom(BlockHashes.headerBytes(header));
        List<SignedData> signatures = new ArrayList<>(md.getSignaturesCount());
        for (MetadataSignature ms : md.getSignaturesList()) {
            SignatureHeader sh;
            try {
                sh = SignatureHeader.parseFrom(ms.getSignatureHeader());
            } catch (InvalidProtocolBufferException e) {
                throw new BlockVerificationException("failed unmarshalling signature header for block "
                        + Long.toUnsignedString(header.getNumber()) + ": " + e.getMessage(), e);
            }
            ByteString signed = md.getValue().concat(ms.getSignatureHeader()).concat(headerDer);
            signatures.add(new SignedData(signed, sh.getCreator(), ms.getSignature()));
        }
        try {
            policies.get().policy(PolicyManager.BLOCK_VALIDATION).evaluateSignedData(signatures);
        } catch (PolicyException e) {
            throw new BlockVerificationException(e.getMessage(), e);
        }
    }

    /** The channel id in transaction 0's channel header (Fabric's {@code GetChannelIDFromBlock}). */
    static String channelOf(Block block) throws BlockVerificationException {
        if (block.getData().getDataCount() == 0) {
            throw new BlockVerificationException("failed to retrieve channel id - block is empty");
        }
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
            if (!payload.hasHeader()) {
                throw new BlockVerificationException("failed to retrieve channel id - payload header is empty");
            }
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getChannelId();
        } catch (InvalidProtocolBufferException e) {
            throw new BlockVerificationException(e.getMessage(), e);
        }
    }
}
