package io.weft.core.committer;

/** Whether a transaction id is already in the channel's ledger (the block store's txid index). */
@FunctionalInterface
public interface TxIdLookup {

    /**
     * @throws RuntimeException when the ledger cannot answer; the committer treats this as a block error
     */
    boolean txIdExists(String txId);
}
