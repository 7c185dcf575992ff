package io.weft.ledger.txmgr;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

import io.weft.ledger.LedgerException;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * What a commit needs from a block's transactions, parsed once: every transaction's id (for the
 * block index; empty for a malformed one) and the read-write sets of the valid endorser
 * transactions and config transactions (for the state and history databases). A block without a
 * TRANSACTIONS_FILTER counts as all valid, as in Fabric's ledger (the genesis block); a transaction
 * beyond a shorter filter counts as invalid.
 */
public record ValidWriteSets(long blockNum, int txCount, List<String> txIds, List<Entry> entries) {

    /** One valid transaction's read-write set and its number in the block. */
    public record Entry(int txNum, TxRwSet rwset) {
    }

    public ValidWriteSets {
        txIds = List.copyOf(txIds);
        entries = List.copyOf(entries);
    }

    public static ValidWriteSets of(Block block) {
        ByteString flags = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) : ByteString.EMPTY;
        int txCount = block.getData().getDataCount();
        List<Entry> entries = new ArrayList<>(txCount);
        List<String> txIds = new ArrayList<>(txCount);
        for (int i = 0; i < txCount; i++) {
            boolean valid = flags.isEmpty() || i < flags.size() && flags.byteAt(i) == TxValidationCode.VALID_VALUE;
            EndorserTransactions.Parsed tx;
            try {
                tx = EndorserTransactions.parse(block.getData().getData(i));
            } catch (LedgerException malformed) {
                if (valid) {
                    throw malformed;
                }
                txIds.add(""); // stored and indexed by position only, as Fabric does
                continue;
            }
            txIds.add(tx.txId());
            if (valid && tx.isEndorserTransaction()) {
                entries.add(new Entry(i, TxRwSet.parse(tx.chaincodeAction().getResults())));
            } else if (valid && tx.channelHeader().getType() == HeaderType.CONFIG_VALUE) {
                entries.add(new Entry(i, ConfigTransactions.writeSet(tx.payload().getData())));
            }
        }
        return new ValidWriteSets(block.getHeader().getNumber(), txCount, txIds, entries);
    }
}
