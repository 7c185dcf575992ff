package io.weft.core.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.LedgerStatus;
import io.weft.ledger.blockstore.BlockFiles;

/**
 * Channels known only by their block files. The memory backend keeps its idStore in memory, so after a restart or a
 * swap to it the idStore is empty while {@code chains/chains/<channel>} still holds every block: such channels are
 * recorded as active, and opening them rebuilds index, state and history from the blocks. Used for the memory
 * backend only; on LevelDB the idStore is the authority, as in Fabric.
 */
final class BlockFolderChannels {

    private BlockFolderChannels() {
    }

    /** Records each channel with block files but no idStore entry as active; the channels recorded. */
    static List<String> adopt(LedgerProvider provider, LedgerLayout layout) throws IOException {
        Path chains = layout.chains().resolve("chains");
        List<String> adopted = new ArrayList<>();
        if (!Files.isDirectory(chains)) {
            return adopted;
        }
        try (Stream<Path> dirs = Files.list(chains)) {
            for (Path dir : dirs.sorted().toList()) {
                String channel = dir.getFileName().toString();
                if (Files.isRegularFile(BlockFiles.file(dir, 0)) && !provider.exists(channel)) {
                    provider.idStore().create(channel, LedgerStatus.ACTIVE);
                    adopted.add(channel);
                }
            }
        }
        return adopted;
    }
}
