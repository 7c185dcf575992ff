package io.weft.core.committer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;

import io.weft.ledger.BlockAndPvtData;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerException;
import io.weft.ledger.txmgr.ValidWriteSets;
import io.weft.ledger.validation.CommitHash;
import io.weft.ledger.validation.MvccValidator;

/**
 * One channel's block pipeline: verify the block, check its transactions in parallel (structure, creator, txid,
 * ledger duplicates, endorsement policy), mark in-block duplicate txids, validate MVCC against state, write the
 * TRANSACTIONS_FILTER and the chained COMMIT_HASH into the block's metadata and commit it. Blocks are committed one
 * at a time; a block that fails verification, or a stage that cannot answer, leaves the ledger untouched.
 */
public final class BlockCommitter implements AutoCloseable {

    /** Slots an orderer writes; Fabric's {@code InitBlockMetadata} pads a block to this many. */
    private static final int METADATA_SLOTS = BlockMetadataIndex.COMMIT_HASH_VALUE + 1;

    private final KvLedger ledger;
    private final BlockVerifier verifier;
    private final TxValidationStage stage;
    private byte[] commitHash; // of the last committed block; empty when the chain has none

    /** With {@code peer.validatorPoolSize} defaulting to the number of processors. */
    public BlockCommitter(String channelId, KvLedger ledger, BlockVerifier verifier, TxChecker checker,
            EndorsementValidation endorsement) throws IOException {
        this(channelId, ledger, verifier, checker, endorsement, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param validatorPoolSize {@code peer.validatorPoolSize}: threads checking a block's transactions
     * @throws IOException when the last block cannot be read for its commit hash
     */
    public BlockCommitter(String channelId, KvLedger ledger, BlockVerifier verifier, TxChecker checker,
            EndorsementValidation endorsement, int validatorPoolSize) throws IOException {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.stage = new TxValidationStage(channelId, checker, endorsement, validatorPoolSize);
        this.commitHash = lastCommitHash(ledger);
    }

    /**
     * Validates and commits the next block of the channel.
     *
     * @return the block as committed, its metadata carrying the validation codes and the commit hash
     * @throws BlockVerificationException when the block is refused (nothing is written)
     */
    public synchronized Block commit(Block block) throws BlockVerificationException, IOException {
        BlockchainInfo info = ledger.info();
        byte[] previousHash = info.getHeight() == 0 ? null : info.getCurrentBlockHash().toByteArray();
        verifier.verify(block, info.getHeight(), previousHash);
        long number = block.getHeader().getNumber();

        List<ValidatedTx> txs = stage.validate(block.getData().getDataList());
        TxValidationCode[] codes = new TxValidationCode[txs.size()];
        List<String> dupKeys = new ArrayList<>(txs.size());
        for (int i = 0; i < codes.length; i++) {
            codes[i] = txs.get(i).code();
            dupKeys.add(txs.get(i).dupKey());
        }
        TxChecker.markDuplicates(dupKeys, codes);

        List<MvccValidator.Tx> mvccTxs = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            ValidatedTx tx = txs.get(i).withCode(codes[i]);
            txs.set(i, tx);
            if (tx.isValidEndorserTx()) {
                mvccTxs.add(new MvccValidator.Tx(i, TxValidationCode.VALID, tx.rwset()));
            }
        }
        MvccValidator.Result mvcc = ledger.mvccValidator().validateAndPrepare(number, mvccTxs);
        List<ValidWriteSets.Entry> entries = new ArrayList<>(mvccTxs.size());
        for (int j = 0; j < mvccTxs.size(); j++) {
            int i = mvccTxs.get(j).indexInBlock();
            codes[i] = mvcc.codes().get(j);
            if (codes[i] == TxValidationCode.VALID) {
                entries.add(new ValidWriteSets.Entry(i, mvccTxs.get(j).rwset()));
            }
        }

        ByteString filter = filter(codes);
        byte[] nextHash = null;
        BlockMetadata.Builder md = padded(block.getMetadata()).setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE,
                filter);
        if (CommitHash.isComputed(number, commitHash)) {
            nextHash = CommitHash.compute(filter, CommitHash.updateBytes(mvcc.updates()), commitHash);
            md.setMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE, CommitHash.metadata(nextHash));
        }
        Block validated = block.toBuilder().setMetadata(md).build();
        List<String> txIds = new ArrayList<>(txs.size());
        txs.forEach(t -> txIds.add(t.txId()));
        ledger.commit(BlockAndPvtData.of(validated), new ValidWriteSets(number, txs.size(), txIds, entries),
                mvcc.updates());
        if (nextHash != null) {
            commitHash = nextHash;
        }
        return validated;
    }

    /** The commit hash of the last committed block, empty when the chain carries none. */
    public synchronized byte[] commitHash() {
        return commitHash.clone();
    }

    private static ByteString filter(TxValidationCode[] codes) {
        byte[] flags = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            flags[i] = (byte) codes[i].getNumber();
        }
        return UnsafeByteOperations.unsafeWrap(flags);
    }

    private static BlockMetadata.Builder padded(BlockMetadata md) {
        BlockMetadata.Builder b = md.toBuilder();
        while (b.getMetadataCount() < METADATA_SLOTS) {
            b.addMetadata(ByteString.EMPTY);
        }
        return b;
    }

    /** Fabric's {@code lastPersistedCommitHash}: from the last block's COMMIT_HASH slot, if it has one. */
    private static byte[] lastCommitHash(KvLedger ledger) throws IOException {
        long height = ledger.height();
        if (height == 0) {
            return new byte[0];
        }
        Block last = ledger.blocks().blockByNumber(height - 1)
                .orElseThrow(() -> new LedgerException("block [" + (height - 1) + "] is below the height but missing"));
        if (last.getMetadata().getMetadataCount() < METADATA_SLOTS) {
            return new byte[0];
        }
        try {
            return Metadata.parseFrom(last.getMetadata().getMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE)).getValue()
                    .toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("error unmarshalling last persisted commit hash: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stage.close();
    }
}
