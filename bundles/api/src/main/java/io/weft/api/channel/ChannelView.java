package io.weft.api.channel;

import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.osgi.annotation.versioning.ProviderType;

import com.google.protobuf.ByteString;

import io.weft.api.scc.SccState;

/** Read access to one joined channel's ledger and configuration. Thread-safe. */
@ProviderType
public interface ChannelView {

    String channelId();

    /** Height, current and previous block hashes. */
    BlockchainInfo info() throws ChannelException;

    Optional<Block> blockByNumber(long number) throws ChannelException;

    Optional<Block> blockByHash(ByteString headerHash) throws ChannelException;

    Optional<Block> blockByTxId(String txId) throws ChannelException;

    /** The transaction's envelope and validation code. */
    Optional<ProcessedTransaction> transactionById(String txId) throws ChannelException;

    /** The channel's current configuration. */
    Config config();

    /** The block holding the channel's current configuration. */
    Block configBlock() throws ChannelException;

    /** The MSP IDs of the channel's application organizations, ordered by organization name; empty without an Application group. */
    Optional<List<String>> applicationMspIds();

    /** Whether the application capabilities enable Fabric 2.0's chaincode lifecycle ({@code V2_0} or later). */
    boolean lifecycleV20();

    /**
     * Whether the application capabilities enable collections and private data ({@code V1_1_PVTDATA_EXPERIMENTAL},
     * {@code V1_2} or later).
     */
    boolean privateChannelData();

    /** Whether a legacy ({@code lscc}) upgrade may add or change collections (application {@code V1_2} or later). */
    boolean collectionUpgrade();

    /** Whether the channel's policy manager holds a policy at {@code path} (e.g. {@code /Channel/Application/Endorsement}). */
    boolean hasPolicy(String path);

    /** Whether {@code serializedIdentity} deserializes and validates in one of the channel's MSPs. */
    boolean isChannelIdentity(ByteString serializedIdentity);

    /** Reads a channel's committed state. */
    @FunctionalInterface
    interface CommittedReader<T, E extends Exception> {
        T read(SccState state) throws E;
    }

    /**
     * Reads {@code namespace} (and its collections) in the channel's committed state, which no block changes while
     * {@code reader} runs; nothing is recorded, and writes throw.
     *
     * @throws ChannelException the ledger could not be read
     */
    <T, E extends Exception> T readCommitted(String namespace, CommittedReader<T, E> reader) throws ChannelException, E;
}
