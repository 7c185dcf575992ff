package io.weft.core.committer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import com.google.protobuf.ByteString;

import io.weft.ledger.LedgerException;
import io.weft.ledger.txmgr.EndorserTransactions;
import io.weft.ledger.txmgr.TxRwSet;

/**
 * The per-transaction stages of a block, run in parallel on {@code peer.validatorPoolSize} threads (Fabric's
 * {@code validateTx} goroutines): {@link TxChecker}, then the endorsement policy, then the parse of the
 * read-write set that Fabric's ledger does in {@code preprocessProtoBlock}. Each transaction's outcome depends only
 * on its own bytes and the committed ledger, so the result equals a sequential run.
 */
final class TxValidationStage implements AutoCloseable {

    private final TxChecker checker;
    private final EndorsementValidation endorsement;
    private final ExecutorService pool; // null: run on the caller's thread

    TxValidationStage(String channelId, TxChecker checker, EndorsementValidation endorsement, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("validatorPoolSize must be at least 1, was " + poolSize);
        }
        this.checker = Objects.requireNonNull(checker, "checker");
        this.endorsement = Objects.requireNonNull(endorsement, "endorsement");
        this.pool = poolSize == 1 ? null : Executors.newFixedThreadPool(poolSize, daemonThreads(channelId));
    }

    /** Validates every data entry of a block; a failing ledger lookup fails the whole block. */
    List<ValidatedTx> validate(List<ByteString> data) {
        List<ValidatedTx> out = new ArrayList<>(data.size());
        if (pool == null || data.size() < 2) {
            for (ByteString d : data) {
                out.add(validate(d));
            }
            return out;
        }
        List<CompletableFuture<ValidatedTx>> futures = new ArrayList<>(data.size());
        for (ByteString d : data) {
            futures.add(CompletableFuture.supplyAsync(() -> validate(d), pool));
        }
        try {
            for (CompletableFuture<ValidatedTx> f : futures) {
                out.add(f.join());
            }
        } catch (CompletionException e) {
            futures.forEach(f -> f.cancel(false));
            throw e.getCause() instanceof RuntimeException r ? r : new LedgerException(e.getCause().toString(), e);
        }
        return out;
    }

    private ValidatedTx validate(ByteString envelopeBytes) {
        TxCheck check = checker.check(envelopeBytes);
        String txId = txId(check, envelopeBytes);
        TxValidationCode code = check.code();
        boolean endorserTx = check.channelHeader() != null
                && check.channelHeader().getType() == HeaderType.ENDORSER_TRANSACTION_VALUE;
        if (code != TxValidationCode.VALID || !endorserTx) {
            return new ValidatedTx(code, txId, check.txId(), null);
        }
        code = Objects.requireNonNull(endorsement.validate(check), "endorsement validation code");
        if (code != TxValidationCode.VALID) {
            return new ValidatedTx(code, txId, check.txId(), null);
        }
        ChaincodeAction action;
        try {
            action = new EndorserTransactions.Parsed(check.payload(), check.channelHeader()).chaincodeAction();
        } catch (LedgerException e) {
            return new ValidatedTx(TxValidationCode.NIL_TXACTION, txId, check.txId(), null);
        }
        try {
            return new ValidatedTx(code, txId, check.txId(), TxRwSet.parse(action.getResults()));
        } catch (LedgerException e) {
            return new ValidatedTx(TxValidationCode.INVALID_OTHER_REASON, txId, check.txId(), null);
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

    private static java.util.concurrent.ThreadFactory daemonThreads(String channelId) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "weft-validator-" + channelId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
