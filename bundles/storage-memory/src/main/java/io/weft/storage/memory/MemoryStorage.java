package io.weft.storage.memory;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StorageException;
import io.weft.api.storage.StorageProvider;
import io.weft.api.storage.StoreOptions;

/**
 * Memory stores by folder. Nothing touches the disk; a store's data outlives its close, so a reopen within the
 * lifetime of this provider sees it, as with LevelDB. Like LevelDB, a folder's store may be open only once at a time.
 */
final class MemoryStorage implements StorageProvider {

    private final Map<Path, VersionedMap> stores = new ConcurrentHashMap<>();
    private final Set<Path> open = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return MEMORY;
    }

    @Override
    public KeyValueStore open(Path dir, StoreOptions options) {
        Objects.requireNonNull(options, "options");
        Path key = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        if (!open.add(key)) {
            throw new StorageException("memory store " + key + " is already open");
        }
        VersionedMap data = options.createIfMissing() ? stores.computeIfAbsent(key, k -> new VersionedMap())
                : stores.get(key);
        if (data == null) {
            open.remove(key);
            throw new StorageException("Invalid argument: " + key + ": does not exist (create_if_missing is false)");
        }
        return new MemoryStore(data, () -> open.remove(key));
    }
}
