package io.weft.storage.leveldb;

import java.nio.file.Path;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StorageProvider;
import io.weft.api.storage.StoreOptions;

import org.osgi.service.component.annotations.Component;

/**
 * Registers the LevelDB backend as {@code weft.storage.name=leveldb}. Deactivating it does not unload the native
 * library (that lives in the leveldbjni bundle), so a backend swap is: close the stores, rebind, reopen.
 */
@Component(service = StorageProvider.class, property = StorageProvider.NAME_PROPERTY + "=" + StorageProvider.LEVELDB)
public final class LevelDbStorageComponent implements StorageProvider {

    private final LevelDbStorage storage = new LevelDbStorage();

    @Override
    public String name() {
        return storage.name();
    }

    @Override
    public KeyValueStore open(Path dir, StoreOptions options) {
        return storage.open(dir, options);
    }
}
