package io.weft.ledger;

import io.weft.ledger.blockstore.BlockFiles;
import io.weft.ledger.pvtdata.PvtDataConfig;
import io.weft.ledger.txmgr.CollectionConfigSource;

/**
 * How the ledgers are kept.
 *
 * @param historyEnabled {@code ledger.history.enableHistoryDatabase}
 * @param maxBlockFileSize when a new block file starts (Fabric: 64 MiB)
 * @param pvtData {@code ledger.pvtdataStore} settings
 * @param collections the channels' collections, as their chaincode definitions in each ledger's state declare them:
 *        the block-to-live of private data, and the collection names simulators may use. {@code null}: no
 *        collection is known (private data is refused at commit) and simulators do not check names.
 */
public record LedgerConfig(boolean historyEnabled, long maxBlockFileSize, PvtDataConfig pvtData,
        CollectionConfigSource collections) {

    /** Fabric's defaults, without collections. */
    public static LedgerConfig defaults() {
        return new LedgerConfig(true, BlockFiles.DEFAULT_MAX_FILE_SIZE, PvtDataConfig.DEFAULT, null);
    }

    public LedgerConfig withHistory(boolean enabled) {
        return new LedgerConfig(enabled, maxBlockFileSize, pvtData, collections);
    }

    public LedgerConfig withMaxBlockFileSize(long size) {
        return new LedgerConfig(historyEnabled, size, pvtData, collections);
    }

    public LedgerConfig withCollections(CollectionConfigSource source) {
        return new LedgerConfig(historyEnabled, maxBlockFileSize, pvtData, source);
    }
}
