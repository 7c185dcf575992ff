package io.weft.ledger;

import java.nio.file.Path;

/** Fabric's folders under {@code peer.fileSystemPath} (FABRIC-REFERENCE §8.1). */
public record LedgerLayout(Path fileSystemPath) {

    /** {@code <fs>/ledgersData}. */
    public Path ledgersData() {
        return fileSystemPath.resolve("ledgersData");
    }

    /** The idStore: which ledgers exist. */
    public Path idStore() {
        return ledgersData().resolve("ledgerProvider");
    }

    /** Block files of one channel. */
    public Path blocks(String ledgerId) {
        return chains().resolve("chains").resolve(ledgerId);
    }

    /** The folder holding every channel's block folder and the shared block index. */
    public Path chains() {
        return ledgersData().resolve("chains");
    }

    /** The block index shared by all channels. */
    public Path blockIndex() {
        return chains().resolve("index");
    }

    public Path stateDb() {
        return ledgersData().resolve("stateLeveldb");
    }

    public Path historyDb() {
        return ledgersData().resolve("historyLeveldb");
    }

    public Path pvtdataStore() {
        return ledgersData().resolve("pvtdataStore");
    }

    public Path configHistory() {
        return ledgersData().resolve("configHistory");
    }

    public Path bookkeeper() {
        return ledgersData().resolve("bookkeeper");
    }

    /** Held by the process that has the ledgers open: a running peer or an offline command. */
    public Path fileLock() {
        return ledgersData().resolve("fileLock");
    }

    /** {@code <fs>/transientstore} (1.4 named it {@code transientStore}). */
    public Path transientStore() {
        return fileSystemPath.resolve("transientstore");
    }
}
