package io.weft.orderer;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.identity.SigningIdentity;
import io.weft.bccsp.Bccsp;
import io.weft.channelconfig.ChannelConfig;
import io.weft.channelconfig.ChannelConfigException;
import io.weft.configtx.ConfigtxException;
import io.weft.protoutil.BlockMetadatas;

/**
 * One channel ordered as Fabric's solo consenter does it. {@link #order} and {@link #configure} only enqueue; a single
 * ordering thread per channel owns the block cutter, the block writer and the batch timer, so the hot path takes no
 * lock and no broadcast stream waits for a block to be written. Normal messages go through the cutter and a pending
 * batch starts the {@code BatchTimeout} timer; a config message cuts what is pending, goes alone into its own block
 * under the new config's sequence (which moves {@code LAST_CONFIG}), and the new config (batch size, timeout,
 * policies) applies from the next message on. Messages checked under an older config are checked again first.
 * A chain that cannot write halts, as Fabric's orderer stops on such a failure.
 * <p>
 * Unlike Fabric's solo, each message's stage completes only once the block holding it is stored (the ledger syncs
 * every append), so an acknowledgement survives a crash. It completes with a {@link RejectedMessageException}
 * instead when the message fails its second check or the chain halts first ({@code SERVICE_UNAVAILABLE},
 * "Exiting"). Stages complete on the ordering thread: what depends on them must not block.
 */
public final class SoloChain implements AutoCloseable {

    static final String EXITING = "Exiting";

    private static final Logger LOG = LoggerFactory.getLogger(SoloChain.class);

    private final String channelId;
    private final OrdererLedger ledger;
    private final Bccsp bccsp;
    private final StandardChannelProcessor processor;
    private final ChannelCreator channels; // null: not the system channel
    private final ScheduledThreadPoolExecutor orderingThread;
    private volatile ChannelConfig config;
    private volatile boolean halted;

    // owned by the ordering thread
    private final BlockCutter cutter;
    private final BlockWriter writer;
    private ScheduledFuture<?> batchTimer;
    /** One per message given to the cutter, in order: the cutter keeps that order across the batches it cuts. */
    private final Deque<CompletableFuture<Void>> awaitingBlock = new ArrayDeque<>();

    private SoloChain(OrdererLedger ledger, ChannelConfig config, BlockWriter writer, SigningIdentity signer,
            Bccsp bccsp, Clock clock, ChannelCreator channels) {
        this.channelId = config.channelId();
        this.ledger = ledger;
        this.bccsp = bccsp;
        this.config = config;
        this.writer = writer;
        this.channels = channels;
        this.cutter = new BlockCutter(() -> OrdererConfigs.of(this.config).batchSize());
        StandardChannelFilters filters = new StandardChannelFilters(clock);
        this.processor = channels == null
                ? new StandardChannelProcessor(channelId, this::config, signer, bccsp, filters)
                : new SystemChannelProcessor(channelId, this::config, signer, bccsp, filters, channels);
        this.orderingThread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "orderer-solo-" + channelId);
            t.setDaemon(true);
            return t;
        });
        // a halt drops the batch timer: what it would have cut is answered "Exiting" instead
        orderingThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Starts ordering the channel whose blocks {@code ledger} holds (at least its genesis block): its config is the
     * one of the block the last block's {@code LAST_CONFIG} names, and blocks continue from the last one.
     */
    public static SoloChain start(OrdererLedger ledger, SigningIdentity signer, Bccsp bccsp, Clock clock)
            throws ChainException {
        return start(ledger, signer, bccsp, clock, null);
    }

    /**
     * As {@link #start(OrdererLedger, SigningIdentity, Bccsp, Clock)}; a channel whose config has consortiums becomes
     * the system channel, creating channels through {@code channels} (when not null).
     */
    static SoloChain start(OrdererLedger ledger, SigningIdentity signer, Bccsp bccsp, Clock clock,
            ChannelCreator channels) throws ChainException {
        long height = ledger.height();
        if (height == 0) {
            throw new ChainException("cannot start a chain on an empty ledger");
        }
        Block last = ledger.block(height - 1).orElseThrow(() -> new ChainException("block " + (height - 1)
                + " is missing from the ledger"));
        try {
            long lastConfigNumber = BlockMetadatas.lastConfigIndex(last);
            Block configBlock = ledger.block(lastConfigNumber).orElseThrow(() -> new ChainException(
                    "last config block " + lastConfigNumber + " is missing from the ledger"));
            ChannelConfig config = ChannelConfig.fromBlock(configBlock, bccsp);
            config.requireOrdererSupport();
            BlockWriter writer = new BlockWriter(signer, last, lastConfigNumber, config.sequence());
            ChannelCreator creator = config.consortiums().isPresent() ? channels : null;
            SoloChain chain = new SoloChain(ledger, config, writer, signer, bccsp, clock, creator);
            LOG.info("[channel: {}] solo chain started at height {}, config sequence {} from block {}",
                    chain.channelId, height, config.sequence(), lastConfigNumber);
            return chain;
        } catch (InvalidProtocolBufferException | ChannelConfigException e) {
            throw new ChainException("cannot start the chain of block " + (height - 1) + ": " + e.getMessage(), e);
        }
    }

    public String channelId() {
        return channelId;
    }

    /** The config messages are checked against now. */
    public ChannelConfig config() {
        return config;
    }

    public OrdererLedger ledger() {
        return ledger;
    }

    /** Whether this is the orderer system channel, which creates channels. */
    public boolean isSystemChannel() {
        return channels != null;
    }

    /** Whether the chain stopped ordering (halted, closed, or failed to write). */
    public boolean isHalted() {
        return halted;
    }

    StandardChannelProcessor processor() {
        return processor;
    }

    /**
     * Fabric's {@code Order}: queues a normal message checked under config sequence {@code configSeq}.
     *
     * @return completes once the block holding the message is stored
     * @throws RejectedMessageException the chain is halted ({@code SERVICE_UNAVAILABLE}, "Exiting")
     */
    public CompletionStage<Void> order(Envelope message, long configSeq) throws RejectedMessageException {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        enqueue(stored, () -> ordered(message, configSeq, stored));
        return stored;
    }

    /**
     * Fabric's {@code Configure}: queues a {@code CONFIG} envelope computed under config sequence {@code configSeq}.
     *
     * @return completes once the config block is stored
     * @throws RejectedMessageException the chain is halted ({@code SERVICE_UNAVAILABLE}, "Exiting")
     */
    public CompletionStage<Void> configure(Envelope configTx, long configSeq) throws RejectedMessageException {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        enqueue(stored, () -> configured(configTx, configSeq, stored));
        return stored;
    }

    private void enqueue(CompletableFuture<Void> stored, Runnable work) throws RejectedMessageException {
        if (halted) {
            throw exiting();
        }
        try {
            orderingThread.execute(() -> {
                if (halted) {
                    stored.completeExceptionally(exiting());
                } else {
                    work.run();
                }
            });
        } catch (RejectedExecutionException e) {
            throw exiting();
        }
    }

    private static RejectedMessageException exiting() {
        return new RejectedMessageException(Status.SERVICE_UNAVAILABLE, EXITING);
    }

    private void ordered(Envelope message, long configSeq, CompletableFuture<Void> stored) {
        if (configSeq < config.sequence()) {
            try {
                processor.processNormal(message);
            } catch (RejectedMessageException e) {
                LOG.warn("[channel: {}] Discarding bad normal message: {}", channelId, e.getMessage());
                stored.completeExceptionally(e);
                return;
            }
        }
        awaitingBlock.add(stored);
        BlockCutter.Result result = cutter.ordered(message);
        for (List<Envelope> batch : result.batches()) {
            write(batch);
        }
        if (batchTimer != null && !result.pending()) {
            stopBatchTimer();
        } else if (batchTimer == null && result.pending()) {
            long timeoutNanos = OrdererConfigs.of(config).batchTimeout().toNanos();
            batchTimer = orderingThread.schedule(this::batchTimedOut, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void configured(Envelope configTx, long configSeq, CompletableFuture<Void> stored) {
        Envelope current = configTx;
        if (configSeq < config.sequence()) {
            try {
                current = processor.processConfig(configTx).config();
            } catch (RejectedMessageException e) {
                LOG.warn("[channel: {}] Discarding bad config message: {}", channelId, e.getMessage());
                stored.completeExceptionally(e);
                return;
            }
        }
        List<Envelope> pending = cutter.cut();
        if (!pending.isEmpty()) {
            write(pending);
        }
        stopBatchTimer();
        if (writeConfig(current)) {
            stored.complete(null);
        } else {
            stored.completeExceptionally(exiting());
        }
    }

    private void batchTimedOut() {
        batchTimer = null;
        List<Envelope> batch = cutter.cut();
        if (batch.isEmpty()) {
            LOG.warn("[channel: {}] Batch timer expired with no pending requests, this might indicate a bug",
                    channelId);
            return;
        }
        write(batch);
    }

    private void stopBatchTimer() {
        if (batchTimer != null) {
            batchTimer.cancel(false); // not yet started: only this thread runs it
            batchTimer = null;
        }
    }

    /** Writes a batch the cutter cut, then acknowledges its messages (a failed write halts: {@link #abandon} answers). */
    private void write(List<Envelope> batch) {
        if (halted || !append(writer.finish(writer.createNextBlock(batch), config.sequence(), ByteString.EMPTY))) {
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            awaitingBlock.remove().complete(null);
        }
    }

    /**
     * Fabric's {@code WriteConfigBlock}: the config must follow the current one; it applies before the block is written.
     * Whether the block was stored.
     */
    private boolean writeConfig(Envelope configTx) {
        if (halted) {
            return false;
        }
        ChannelConfig next;
        try {
            Payload payload = Payload.parseFrom(configTx.getPayload());
            if (ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getType()
                    == HeaderType.ORDERER_TRANSACTION_VALUE) {
                return writeChannelCreation(Envelope.parseFrom(payload.getData()), configTx);
            }
            ConfigEnvelope envelope = ConfigEnvelope.parseFrom(payload.getData());
            config.configtxValidator().validate(envelope);
            next = ChannelConfig.of(channelId, envelope.getConfig(), bccsp);
        } catch (InvalidProtocolBufferException | ConfigtxException | ChannelConfigException e) {
            fail("Told to write a config block with new config, but could not apply it: " + e.getMessage(), e);
            return false;
        }
        config = next;
        return append(writer.finish(writer.createNextBlock(List.of(configTx)), next.sequence(), ByteString.EMPTY));
    }

    /**
     * The system channel's {@code ORDERER_TRANSACTION}: the new channel is created first, as Fabric's block writer
     * does, then the transaction is written under the unchanged system config. Whether the block was stored.
     */
    private boolean writeChannelCreation(Envelope newChannelConfigTx, Envelope ordererTx) {
        try {
            channels.createChannel(newChannelConfigTx);
        } catch (ChainException e) {
            fail("Told to write a config block with new channel, but could not create it: " + e.getMessage(), e);
            return false;
        }
        return append(writer.finish(writer.createNextBlock(List.of(ordererTx)), config.sequence(), ByteString.EMPTY));
    }

    /** Whether the block was stored; the ledger syncs it before returning. */
    private boolean append(Block block) {
        try {
            ledger.append(block);
            return true;
        } catch (OrdererLedger.LedgerWriteException e) {
            fail(e.getMessage(), e);
            return false;
        }
    }

    private void fail(String message, Exception cause) {
        LOG.error("[channel: {}] {}; halting the chain", channelId, message, cause);
        halt();
    }

    /**
     * Stops ordering: messages not yet stored are answered and new ones refused ({@code SERVICE_UNAVAILABLE},
     * "Exiting"). The answers come from the ordering thread once it finishes what it is doing.
     */
    public synchronized void halt() {
        if (halted) {
            return;
        }
        halted = true;
        orderingThread.execute(this::abandon); // after every queued message, which each answer for themselves
        orderingThread.shutdown();
    }

    /** Answers the messages waiting in the cutter: they will be in no block. */
    private void abandon() {
        stopBatchTimer();
        cutter.cut();
        RejectedMessageException exiting = exiting();
        while (!awaitingBlock.isEmpty()) {
            awaitingBlock.remove().completeExceptionally(exiting);
        }
    }

    /** Halts and waits (bounded) for a block being written to be stored. The ledger stays open: it is its owner's. */
    @Override
    public void close() {
        halt();
        try {
            if (!orderingThread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("[channel: {}] ordering thread still busy after 10s", channelId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
