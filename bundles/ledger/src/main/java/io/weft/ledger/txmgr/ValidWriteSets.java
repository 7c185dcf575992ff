package io.weft.ledger.txmgr;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The read-write sets of a block's valid endorser transactions, parsed once for the state and the
 * history database. A transaction without a TRANSACTIONS_FILTER flag counts as invalid.
 */
public record ValidWriteSets(long blockNum, int txCount, List<Entry> entries) {

    /** One valid endorser transaction's read-write set and its number in the block. */
    public record Entry(int txNum, TxRwSet rwset) {
    }

    public ValidWriteSets {
        entries = List.copyOf(entries);
    }

    public static ValidWriteSets of(Block block) {
        ByteString flags = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) : ByteString.EMPTY;
        int txCount = block.getData().getDataCount();
        List<Entry> entries = new ArrayList<>(txCount);
        for (int i = 0; i < txCount; i++) {
            if (i >= flags.size() || flags.byteAt(i) != TxValidationCode.VALID_VALUE) {
                continue;
            }
            EndorserTransactions.Parsed tx = EndorserTransactions.parse(block.getData().getData(i));
            if (tx.isEndorserTransaction()) {
                entries.add(new Entry(i, TxRwSet.parse(tx.chaincodeAction().getResults())));
            }
        }
        return new ValidWriteSets(block.getHeader().getNumber(), txCount, entries);
    }
}
