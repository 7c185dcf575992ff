package io.weft.orderer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.BatchSize;

/**
 * Fabric's block cutter ({@code blockcutter.receiver}): collects a channel's ordered messages into a pending batch
 * and cuts it when the channel's {@code BatchSize} says so — at {@code MaxMessageCount} messages, before a message that
 * would take the batch past {@code PreferredMaxBytes}, and alone for a message larger than that. The batch timeout is
 * the caller's: it calls {@link #cut()} when the timer fires. The limits are read from the current config on every
 * message, so a config update applies from the next one. Not thread-safe: one ordering thread per channel owns it.
 */
public final class BlockCutter {

    /** What {@link #ordered} produced. */
    public record Result(List<List<Envelope>> batches, boolean pending) {
    }

    private final Supplier<BatchSize> limits;
    private List<Envelope> pendingBatch = new ArrayList<>();
    private long pendingBytes;

    /** @param limits the channel's current {@code Orderer/BatchSize} */
    public BlockCutter(Supplier<BatchSize> limits) {
        this.limits = limits;
    }

    /**
     * Adds an ordered message.
     *
     * @return the batches cut by it (zero, one or two), and whether messages remain pending (the caller then runs the
     *         batch timer)
     */
    public Result ordered(Envelope message) {
        BatchSize size = limits.get();
        long bytes = sizeOf(message);
        List<List<Envelope>> batches = new ArrayList<>(2);
        if (bytes > Integer.toUnsignedLong(size.getPreferredMaxBytes())) {
            // a large message goes alone, after whatever was pending
            if (!pendingBatch.isEmpty()) {
                batches.add(cut());
            }
            batches.add(List.of(message));
            return new Result(batches, false);
        }
        if (pendingBytes + bytes > Integer.toUnsignedLong(size.getPreferredMaxBytes())) {
            batches.add(cut());
        }
        pendingBatch.add(message);
        pendingBytes += bytes;
        boolean pending = true;
        if (pendingBatch.size() >= Integer.toUnsignedLong(size.getMaxMessageCount())) {
            batches.add(cut());
            pending = false;
        }
        return new Result(batches, pending);
    }

    /** The pending batch, now cut (empty when nothing was pending). */
    public List<Envelope> cut() {
        List<Envelope> batch = List.copyOf(pendingBatch);
        pendingBatch = new ArrayList<>();
        pendingBytes = 0;
        return batch;
    }

    /** Whether messages wait for the next cut. */
    public boolean hasPending() {
        return !pendingBatch.isEmpty();
    }

    /** Fabric's {@code messageSizeBytes}: what counts toward the batch's byte limits. */
    static long sizeOf(Envelope message) {
        return (long) message.getPayload().size() + message.getSignature().size();
    }
}
