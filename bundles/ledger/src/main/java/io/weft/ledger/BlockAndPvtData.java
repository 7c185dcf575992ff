package io.weft.ledger;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.weft.ledger.pvtdata.MissingPvtData;
import io.weft.ledger.pvtdata.TxPvtData;

import org.hyperledger.fabric.protos.common.Block;

/**
 * A validated block to commit (its TRANSACTIONS_FILTER set) with the private write sets the peer
 * holds for its valid transactions and the private data it knows to be missing, by tx number.
 */
public record BlockAndPvtData(Block block, List<TxPvtData> pvtData, Map<Long, List<MissingPvtData>> missing) {

    public BlockAndPvtData {
        Objects.requireNonNull(block, "block");
        pvtData = List.copyOf(pvtData);
        missing = Map.copyOf(missing);
    }

    /** A block without private data. */
    public static BlockAndPvtData of(Block block) {
        return new BlockAndPvtData(block, List.of(), Map.of());
    }
}
