package io.weft.ledger.history;

import java.io.IOException;
import java.util.Arrays;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;

import io.weft.api.storage.RangeIterator;
import io.weft.ledger.LedgerException;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.txmgr.EndorserTransactions;
import io.weft.ledger.txmgr.ResultsIterator;
import io.weft.ledger.txmgr.TxRwSet;
import io.weft.ledger.txmgr.WriteSetApplier;

/** Fabric's history queries: every committed write of a key, newest first, with its transaction's id and time. */
public final class HistoryQueryExecutor {

    private final DbHandle db;
    private final TransactionSource transactions;

    HistoryQueryExecutor(DbHandle db, TransactionSource transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /**
     * The key's modifications, newest first. The index entries are read when the query starts (a block committed
     * later does not show); each value is read from its transaction when it is returned.
     */
    public ResultsIterator<KeyModification> getHistoryForKey(String namespace, String key) {
        byte[] prefix = HistoryKeys.keyPrefix(namespace, key);
        long[] heights = new long[16];
        int n = 0;
        // the storage SPI iterates forwards only: collect the (small) index entries, then walk them backwards
        try (RangeIterator it = db.range(prefix, HistoryKeys.scanEnd(prefix))) {
            int offset = db.prefixLength() + prefix.length;
            while (it.next()) {
                long[] h = HistoryKeys.heights(it.key(), offset);
                if (n + 2 > heights.length) {
                    heights = Arrays.copyOf(heights, heights.length * 2);
                }
                heights[n++] = h[0];
                heights[n++] = h[1];
            }
        }
        return new Scanner(namespace, key, heights, n);
    }

    private final class Scanner implements ResultsIterator<KeyModification> {
        private final String namespace;
        private final String key;
        private final long[] heights;
        private int next;

        Scanner(String namespace, String key, long[] heights, int size) {
            this.namespace = namespace;
            this.key = key;
            this.heights = heights;
            this.next = size;
        }

        @Override
        public KeyModification next() {
            if (next == 0) {
                return null;
            }
            long txNum = heights[--next];
            long blockNum = heights[--next];
            Envelope env;
            try {
                env = transactions.transaction(blockNum, txNum)
                        .orElseThrow(() -> new LedgerException("entry not found in index"));
            } catch (IOException e) {
                throw new LedgerException("error reading transaction " + blockNum + "/" + txNum + ": " + e.getMessage(),
                        e);
            }
            KeyModification mod = modification(env);
            if (mod == null) {
                throw new LedgerException("no namespace or key is found for namespace " + namespace + " and key " + key
                        + " with decoded blockNum " + Long.toUnsignedString(blockNum) + " and tranNum "
                        + Long.toUnsignedString(txNum));
            }
            return mod;
        }

        /** The write of the key in the transaction (only the first entry of its namespace is looked at). */
        private KeyModification modification(Envelope env) {
            EndorserTransactions.Parsed tx = EndorserTransactions.parse(env);
            TxRwSet rwset = TxRwSet.parse(tx.chaincodeAction().getResults());
            for (TxRwSet.Ns ns : rwset.namespaces()) {
                if (!ns.namespace().equals(namespace)) {
                    continue;
                }
                for (KVWrite w : ns.kvRwSet().getWritesList()) {
                    if (w.getKey().equals(key)) {
                        KeyModification.Builder m = KeyModification.newBuilder().setTxId(tx.channelHeader().getTxId())
                                .setValue(w.getValue()).setIsDelete(WriteSetApplier.isDelete(w));
                        if (tx.channelHeader().hasTimestamp()) {
                            m.setTimestamp(tx.channelHeader().getTimestamp());
                        }
                        return m.build();
                    }
                }
                return null;
            }
            return null;
        }

        @Override
        public void close() {
            next = 0;
        }
    }
}
