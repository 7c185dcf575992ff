package io.weft.ledger.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import io.weft.ledger.state.StateDb;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;
import io.weft.ledger.txmgr.TxRwSet;
import io.weft.ledger.txmgr.WriteSetApplier;

/**
 * Fabric's state validation of a block ({@code ValidateAndPrepare}): the transactions still valid after
 * endorsement validation are checked in block order against committed state as updated by the block's earlier
 * valid transactions, and each one that passes adds its writes to the block's update batch.
 * <ul>
 * <li>a public read of a key written earlier in the block, or whose committed version differs from the one read
 * (an absent key has no version) → MVCC_READ_CONFLICT;</li>
 * <li>a range query whose re-execution gives other keys or versions → PHANTOM_READ_CONFLICT;</li>
 * <li>the same as the first rule for a collection's hashed reads, against the key hashes' versions →
 * MVCC_READ_CONFLICT.</li>
 * </ul>
 * Per namespace, in the write set's order, Fabric checks reads, then range queries, then hashed reads.
 */
public final class MvccValidator {

    /**
     * One transaction of the block: its number in the block, its code so far, and (for an endorser transaction
     * still VALID) its read-write set.
     */
    public record Tx(int indexInBlock, TxValidationCode code, TxRwSet rwset) {
        public Tx {
            Objects.requireNonNull(code, "code");
            if (code == TxValidationCode.VALID) {
                Objects.requireNonNull(rwset, "rwset of a valid transaction");
            }
        }
    }

    /** The codes in the order of the transactions given, and the writes of those that stayed valid. */
    public record Result(List<TxValidationCode> codes, UpdateBatch updates) {
        public Result {
            codes = List.copyOf(codes);
        }
    }

    private final StateDb db;
    private final WriteSetApplier applier;
    private final RangeQueryValidator rangeQueries;

    public MvccValidator(StateDb db) {
        this.db = db;
        this.applier = new WriteSetApplier(db);
        this.rangeQueries = new RangeQueryValidator(db);
    }

    /** Validates with the MVCC checks, as for every block received. */
    public Result validateAndPrepare(long blockNum, List<Tx> txs) {
        return validateAndPrepare(blockNum, txs, true);
    }

    /**
     * {@code doMvccValidation} false takes every valid transaction's writes unchecked, as Fabric does when it
     * re-commits blocks whose codes were already decided.
     */
    public Result validateAndPrepare(long blockNum, List<Tx> txs, boolean doMvccValidation) {
        UpdateBatch updates = new UpdateBatch();
        List<TxValidationCode> codes = new ArrayList<>(txs.size());
        for (Tx tx : txs) {
            TxValidationCode code = tx.code();
            if (code == TxValidationCode.VALID) {
                if (doMvccValidation) {
                    code = validate(tx.rwset(), updates);
                }
                if (code == TxValidationCode.VALID) {
                    applier.apply(tx.rwset(), new Version(blockNum, tx.indexInBlock()), updates);
                }
            }
            codes.add(code);
        }
        return new Result(codes, updates);
    }

    private TxValidationCode validate(TxRwSet rwset, UpdateBatch updates) {
        for (TxRwSet.Ns ns : rwset.namespaces()) {
            for (KVRead read : ns.kvRwSet().getReadsList()) {
                if (!isCurrent(ns.namespace(), read, updates)) {
                    return TxValidationCode.MVCC_READ_CONFLICT;
                }
            }
            for (RangeQueryInfo rq : ns.kvRwSet().getRangeQueriesInfoList()) {
                if (!rangeQueries.isValid(ns.namespace(), rq, updates)) {
                    return TxValidationCode.PHANTOM_READ_CONFLICT;
                }
            }
            for (TxRwSet.CollHashed coll : ns.collections()) {
                for (KVReadHash read : coll.hashedRwSet().getHashedReadsList()) {
                    if (!isCurrent(ns.namespace(), coll.collection(), read, updates)) {
                        return TxValidationCode.MVCC_READ_CONFLICT;
                    }
                }
            }
        }
        return TxValidationCode.VALID;
    }

    private boolean isCurrent(String ns, KVRead read, UpdateBatch updates) {
        // a key changed earlier in the block conflicts whatever version was read (the block's versions are new)
        if (updates.contains(ns, read.getKey())) {
            return false;
        }
        return sameVersion(db.version(ns, read.getKey()), read.hasVersion() ? read.getVersion() : null);
    }

    private boolean isCurrent(String ns, String coll, KVReadHash read, UpdateBatch updates) {
        if (updates.getHashed(ns, coll, read.getKeyHash()) != null) {
            return false;
        }
        return sameVersion(db.keyHashVersion(ns, coll, read.getKeyHash()), read.hasVersion() ? read.getVersion() : null);
    }

    private static boolean sameVersion(Version committed, org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version read) {
        if (committed == null || read == null) {
            return committed == null && read == null;
        }
        return committed.blockNum() == read.getBlockNum() && committed.txNum() == read.getTxNum();
    }
}
