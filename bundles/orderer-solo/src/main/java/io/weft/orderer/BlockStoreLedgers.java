package io.weft.orderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.weft.api.storage.KeyValueStore;
import io.weft.ledger.kv.DbHandle;

/**
 * The orderer's ledgers as Fabric's file ledger factory keeps them: one block-file directory per channel under
 * {@code chainsDir}, the block indexes of all channels in one shared index store.
 */
public final class BlockStoreLedgers implements OrdererLedgers {

    private final Path chainsDir;
    private final KeyValueStore index;

    public BlockStoreLedgers(Path chainsDir, KeyValueStore index) {
        this.chainsDir = chainsDir;
        this.index = index;
    }

    @Override
    public OrdererLedger open(String channelId) throws IOException {
        return BlockStoreLedger.open(chainsDir, index, channelId);
    }

    @Override
    public Set<String> channels() throws IOException {
        if (!Files.isDirectory(chainsDir)) {
            return Set.of();
        }
        try (Stream<Path> dirs = Files.list(chainsDir)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    @Override
    public void remove(String channelId) throws IOException {
        Path dir = chainsDir.resolve(channelId);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        new DbHandle(index, channelId).deleteAll();
    }
}
