package io.weft.ledger;

import java.util.function.Function;

import io.weft.ledger.blockstore.BlockFiles;
import io.weft.ledger.pvtdata.BtlPolicy;
import io.weft.ledger.pvtdata.PvtDataConfig;

/**
 * How the ledgers are kept.
 *
 * @param historyEnabled {@code ledger.history.enableHistoryDatabase}
 * @param maxBlockFileSize when a new block file starts (Fabric: 64 MiB)
 * @param pvtData {@code ledger.pvtdataStore} settings
 * @param btlPolicies the block-to-live of each channel's collections (from their chaincode definitions)
 */
public record LedgerConfig(boolean historyEnabled, long maxBlockFileSize, PvtDataConfig pvtData,
        Function<String, BtlPolicy> btlPolicies) {

    /** Fabric's defaults; a collection whose block-to-live is not known yet is refused at commit. */
    public static LedgerConfig defaults() {
        return new LedgerConfig(true, BlockFiles.DEFAULT_MAX_FILE_SIZE, PvtDataConfig.DEFAULT,
                ledgerId -> (ns, coll) -> {
                    throw new LedgerException("collection [" + coll + "] of chaincode [" + ns
                            + "] is not defined on channel [" + ledgerId + "]");
                });
    }

    public LedgerConfig withHistory(boolean enabled) {
        return new LedgerConfig(enabled, maxBlockFileSize, pvtData, btlPolicies);
    }

    public LedgerConfig withMaxBlockFileSize(long size) {
        return new LedgerConfig(historyEnabled, size, pvtData, btlPolicies);
    }

    public LedgerConfig withBtlPolicies(Function<String, BtlPolicy> policies) {
        return new LedgerConfig(historyEnabled, maxBlockFileSize, pvtData, policies);
    }
}
