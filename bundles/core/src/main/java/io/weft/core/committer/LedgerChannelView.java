package io.weft.core.committer;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.channel.ChannelException;
import io.weft.api.channel.ChannelView;
import io.weft.channelconfig.ApplicationConfig;
import io.weft.core.ledger.LedgerSccState;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.ledger.KvLedger;
import io.weft.msp.MspException;
import io.weft.ledger.LedgerException;
import io.weft.ledger.blockstore.BlockStore;
import io.weft.protoutil.BlockMetadatas;

/** One joined channel as system chaincodes read it: its ledger's blocks and its committer's current config. */
final class LedgerChannelView implements ChannelView {

    private final KvLedger ledger;
    private final ChannelResources channel;

    LedgerChannelView(KvLedger ledger, ChannelResources channel) {
        this.ledger = ledger;
        this.channel = channel;
    }

    @Override
    public String channelId() {
        return ledger.id();
    }

    @Override
    public BlockchainInfo info() throws ChannelException {
        try {
            return ledger.info();
        } catch (LedgerException e) {
            throw new ChannelException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<Block> blockByNumber(long number) throws ChannelException {
        return read(() -> ledger.blocks().blockByNumber(number));
    }

    @Override
    public Optional<Block> blockByHash(ByteString headerHash) throws ChannelException {
        return read(() -> ledger.blocks().blockByHash(headerHash.toByteArray()));
    }

    @Override
    public Optional<Block> blockByTxId(String txId) throws ChannelException {
        return read(() -> ledger.blocks().blockByTxId(txId));
    }

    @Override
    public Optional<ProcessedTransaction> transactionById(String txId) throws ChannelException {
        BlockStore blocks = ledger.blocks();
        Optional<BlockStore.TxStatus> status = blocks.txStatus(txId);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        Optional<Envelope> envelope = read(() -> blocks.transactionById(txId));
        return envelope.map(e -> ProcessedTransaction.newBuilder().setTransactionEnvelope(e)
                .setValidationCode(status.get().validationCode()).build());
    }

    @Override
    public Config config() {
        return channel.config().config();
    }

    @Override
    public Block configBlock() throws ChannelException {
        long height = info().getHeight();
        Block last = blockByNumber(height - 1)
                .orElseThrow(() -> new ChannelException("block [" + (height - 1) + "] is below the height but missing"));
        long index;
        try {
            index = BlockMetadatas.lastConfigIndex(last);
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelException("failed to get last config index from block: " + e.getMessage(), e);
        }
        return blockByNumber(index)
                .orElseThrow(() -> new ChannelException("config block [" + index + "] is missing from the ledger"));
    }

    @Override
    public Optional<List<String>> applicationMspIds() {
        return channel.config().application().map(ApplicationConfig::mspIds);
    }

    @Override
    public boolean lifecycleV20() {
        return channel.config().application().map(ApplicationConfig::capabilities).map(c -> c.lifecycleV20())
                .orElse(false);
    }

    @Override
    public boolean privateChannelData() {
        return channel.config().application().map(ApplicationConfig::capabilities).map(c -> c.privateChannelData())
                .orElse(false);
    }

    @Override
    public boolean collectionUpgrade() {
        return channel.config().application().map(ApplicationConfig::capabilities).map(c -> c.collectionUpgrade())
                .orElse(false);
    }

    @Override
    public boolean hasPolicy(String path) {
        return channel.config().policyManager().find(path).isPresent();
    }

    @Override
    public boolean isChannelIdentity(ByteString serializedIdentity) {
        try {
            channel.config().deserializer().deserializeValid(serializedIdentity);
            return true;
        } catch (MspException e) {
            return false;
        }
    }

    @Override
    public <T, E extends Exception> T readCommitted(String namespace, CommittedReader<T, E> reader)
            throws ChannelException, E {
        QueryExecutor committed;
        try {
            committed = ledger.newQueryExecutorNoCollChecks();
        } catch (LedgerException e) {
            throw new ChannelException(e.getMessage(), e);
        }
        try {
            return reader.read(new LedgerSccState(committed, namespace));
        } catch (LedgerException e) {
            throw new ChannelException(e.getMessage(), e);
        } finally {
            committed.done();
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T get() throws IOException;
    }

    private static <T> T read(Read<T> read) throws ChannelException {
        try {
            return read.get();
        } catch (IOException | LedgerException e) {
            throw new ChannelException(e.getMessage(), e);
        }
    }
}
