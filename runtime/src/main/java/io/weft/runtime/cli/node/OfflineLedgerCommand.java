package io.weft.runtime.cli.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.weft.api.storage.StorageProvider;
import io.weft.config.PeerConfigurations;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerException;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerProvider;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.LoadedConfig;
import io.weft.storage.leveldb.LevelDbStorageComponent;

import picocli.CommandLine.Parameters;

/**
 * A {@code peer node} command that works on the ledgers of a stopped peer, under
 * {@code peer.fileSystemPath} of core.yaml. The ledger lock makes it fail while a peer (or another
 * such command) has them open. The ledger databases are read with LevelDB: the memory backend
 * keeps nothing on disk but the block files.
 */
abstract class OfflineLedgerCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(hidden = true)
    private List<String> trailing = List.of();

    OfflineLedgerCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public final Integer call() {
        if (!trailing.isEmpty()) {
            throw new CliException("trailing args detected: " + trailing);
        }
        LoadedConfig config = LoadedConfig.load(context, Map.of());
        LedgerLayout layout = new LedgerLayout(Path.of(
                (String) config.pid(PeerConfigurations.NODE_PID).get("fileSystemPath")));
        try {
            run(layout);
            return 0;
        } catch (LedgerException e) {
            throw new CliException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(e.toString(), e);
        }
    }

    abstract void run(LedgerLayout layout) throws IOException;

    /** The LevelDB backend, which holds the ledger databases on disk. */
    static StorageProvider storage() {
        return new LevelDbStorageComponent();
    }

    /** Runs {@code action} on the opened ledgers (this takes the ledger lock). */
    static void withLedgers(LedgerLayout layout, LedgerAction action) throws IOException {
        try (LedgerProvider ledgers = LedgerProvider.open(layout, storage(), LedgerConfig.defaults())) {
            action.run(ledgers);
        }
    }

    /** Fabric's check of the channel flag of these commands. */
    static String requireChannel(String channelId) {
        if (channelId.isEmpty()) {
            throw new CliException("Must supply channel ID");
        }
        return channelId;
    }

    @FunctionalInterface
    interface LedgerAction {
        void run(LedgerProvider ledgers) throws IOException;
    }
}
