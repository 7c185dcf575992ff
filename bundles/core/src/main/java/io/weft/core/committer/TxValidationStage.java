package io.weft.core.committer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.channelconfig.ChannelConfig;
import io.weft.channelconfig.ChannelConfigException;
import io.weft.configtx.ConfigtxException;
import io.weft.ledger.LedgerException;
import io.weft.ledger.txmgr.ConfigTransactions;
import io.weft.ledger.txmgr.EndorserTransactions;

/**
 * The per-transaction stages of a block, run in parallel on {@code peer.validatorPoolSize} threads (Fabric's
 * {@code validateTx} goroutines): {@link TxChecker}, then the validation plugins for endorser transactions or the
 * config checks for config transactions. Each transaction's outcome depends only on its own bytes and the state
 * committed before the block, so the result equals a sequential run; the in-block dependencies (duplicates,
 * key-level policies, MVCC) are resolved afterwards in block order.
 */
final class TxValidationStage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TxValidationStage.class);

    /** The plugin stage for one block's endorser transactions. */
    @FunctionalInterface
    interface EndorserStage {
        EndorserTxOutcome validate(int txPosition, TxCheck tx) throws ValidationHaltedException;
    }

    /** Thrown through the pool; unwrapped by {@link #validate}. */
    private static final class Halted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Halted(Exception cause) {
            super(cause);
        }
    }

    private final TxChecker checker;
    private final ChannelResources channel;
    /**
     * Validator threads get a deep stack: policies are data, nested as deep as Go's protobuf decoder allows, and
     * decoding, compiling and evaluating them recurse that deep (Go's stacks grow; Java's do not).
     */
    static final long VALIDATOR_STACK_BYTES = 64L << 20;

    private final ExecutorService pool;

    TxValidationStage(ChannelResources channel, TxChecker checker, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("validatorPoolSize must be at least 1, was " + poolSize);
        }
        this.channel = Objects.requireNonNull(channel, "channel");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.pool = Executors.newFixedThreadPool(poolSize, validatorThreads(channel.channelId()));
    }

    /**
     * Validates every data entry of a block, each checked first for its canonical form (CVE-2023-46132) unless the
     * block is a lone config transaction. The lowest-numbered entry that is not well formed refuses the block; the
     * lowest-numbered transaction that cannot be decided halts it, as in Fabric.
     */
    List<ValidatedTx> validate(Block block, EndorserStage endorser)
            throws BlockVerificationException, ValidationHaltedException {
        List<ByteString> data = block.getData().getDataList();
        boolean canonical = WellFormedTransactions.required(data);
        List<ValidatedTx> out = new ArrayList<>(data.size());
        try {
            List<CompletableFuture<ValidatedTx>> futures = new ArrayList<>(data.size());
            for (int i = 0; i < data.size(); i++) {
                int position = i;
                futures.add(CompletableFuture.supplyAsync(() -> validate(position, data.get(position), canonical, endorser),
                        pool));
            }
            // every task finishes before the block's state view and plugins are released; the lowest-numbered
            // failure is the one reported, a malformed entry first (Fabric refuses such a block before validating)
            RuntimeException first = null;
            BlockVerificationException notWellFormed = null;
            for (CompletableFuture<ValidatedTx> f : futures) {
                try {
                    out.add(f.join());
                } catch (CompletionException e) {
                    Throwable cause = e.getCause();
                    if (notWellFormed == null && cause instanceof Halted h
                            && h.getCause() instanceof BlockVerificationException bve) {
                        notWellFormed = bve;
                    } else if (first == null) {
                        first = cause instanceof RuntimeException r ? r : new LedgerException(cause.toString(), e);
                    }
                }
            }
            if (notWellFormed != null) {
                throw notWellFormed;
            }
            if (first != null) {
                throw first;
            }
            return out;
        } catch (Halted h) {
            throw (ValidationHaltedException) h.getCause();
        }
    }

    private ValidatedTx validate(int position, ByteString envelopeBytes, boolean canonical, EndorserStage endorser) {
        TxCheck check;
        try {
            check = canonical ? checker.check(WellFormedTransactions.parse(position, envelopeBytes))
                    : checker.check(envelopeBytes);
        } catch (BlockVerificationException e) {
            throw new Halted(e);
        }
        String txId = txId(check, envelopeBytes);
        if (!check.isValid()) {
            return new ValidatedTx(check.code(), txId, check.txId());
        }
        try {
            return switch (check.channelHeader().getType()) {
                case HeaderType.ENDORSER_TRANSACTION_VALUE -> endorserTx(position, check, txId, endorser);
                case HeaderType.CONFIG_VALUE -> configTx(check, txId);
                default -> new ValidatedTx(TxValidationCode.UNKNOWN_TX_TYPE, txId, check.txId());
            };
        } catch (ValidationHaltedException e) {
            throw new Halted(e);
        }
    }

    private static ValidatedTx endorserTx(int position, TxCheck check, String txId, EndorserStage endorser)
            throws ValidationHaltedException {
        EndorserTxOutcome outcome = endorser.validate(position, check);
        if (!outcome.isValid()) {
            LOG.debug("tx {} at position {} invalid: {} {}", txId, position, outcome.code(), outcome.reason());
            return new ValidatedTx(outcome.code(), txId, check.txId(), outcome.rwset(), outcome.accepted(), null);
        }
        return new ValidatedTx(TxValidationCode.VALID, txId, check.txId(), outcome.rwset(), outcome.accepted(), null);
    }

    /** Fabric's {@code Apply} of a config transaction, checked here and installed once the block commits. */
    private ValidatedTx configTx(TxCheck check, String txId) throws ValidationHaltedException {
        ByteString data = check.payload().getData();
        try {
            ChannelConfig next = channel.validateNext(ConfigEnvelope.parseFrom(data));
            return new ValidatedTx(TxValidationCode.VALID, txId, check.txId(), ConfigTransactions.writeSet(data),
                    java.util.Map.of(), next);
        } catch (InvalidProtocolBufferException e) {
            throw new ValidationHaltedException(
                    "error unmarshalling config which passed initial validity checks: " + e.getMessage(), e);
        } catch (ConfigtxException | ChannelConfigException e) {
            throw new ValidationHaltedException(
                    "error validating config which passed initial validity checks: " + e.getMessage(), e);
        }
    }

    /** The id the block index records, as the ledger derives it from the envelope (also for invalid ones). */
    private static String txId(TxCheck check, ByteString envelopeBytes) {
        if (check.payload() != null && check.channelHeader() != null) {
            return new EndorserTransactions.Parsed(check.payload(), check.channelHeader()).txId();
        }
        try {
            return EndorserTransactions.parse(envelopeBytes).txId();
        } catch (LedgerException malformed) {
            return "";
        }
    }

    private static ThreadFactory validatorThreads(String channelId) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, "weft-validator-" + channelId + "-" + n.incrementAndGet(), VALIDATOR_STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
