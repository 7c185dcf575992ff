package io.weft.core.committer;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

import io.weft.ledger.txmgr.TxRwSet;

/**
 * One transaction after the per-transaction stages: its code so far, its id as the block index stores it, and the
 * read-write set of a still-valid endorser transaction.
 *
 * @param code  the code after the checks and the endorsement policy
 * @param txId  the id for the block index ({@code ""} when the envelope does not parse that far)
 * @param dupKey the id compared for in-block duplicates: {@link TxCheck#txId()} ({@code ""} for non-endorser txs)
 * @param rwset the parsed read-write set when {@code code} is VALID for an endorser transaction, else {@code null}
 */
record ValidatedTx(TxValidationCode code, String txId, String dupKey, TxRwSet rwset) {

    boolean isValidEndorserTx() {
        return code == TxValidationCode.VALID && rwset != null;
    }

    ValidatedTx withCode(TxValidationCode newCode) {
        return new ValidatedTx(newCode, txId, dupKey, newCode == TxValidationCode.VALID ? rwset : null);
    }
}
