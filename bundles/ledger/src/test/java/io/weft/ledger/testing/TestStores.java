package io.weft.ledger.testing;

import java.nio.file.Path;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StorageProvider;
import io.weft.api.storage.StoreOptions;
import io.weft.storage.leveldb.LevelDbStorageComponent;
import io.weft.storage.memory.MemoryStorageComponent;

/** Stores of the real backends for ledger tests; each memory store starts empty, as after a restart. */
public final class TestStores {

    private TestStores() {
    }

    public static StorageProvider provider(String backend) {
        return switch (backend) {
            case StorageProvider.MEMORY -> new MemoryStorageComponent();
            case StorageProvider.LEVELDB -> new LevelDbStorageComponent();
            default -> throw new IllegalArgumentException("no backend " + backend);
        };
    }

    public static KeyValueStore open(String backend, Path dir) {
        return provider(backend).open(dir, StoreOptions.defaults());
    }
}
