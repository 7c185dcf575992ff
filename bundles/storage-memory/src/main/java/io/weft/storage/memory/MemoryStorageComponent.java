package io.weft.storage.memory;

import java.nio.file.Path;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StorageProvider;
import io.weft.api.storage.StoreOptions;

import org.osgi.service.component.annotations.Component;

/** Registers the memory backend as {@code weft.storage.name=memory}; its stores live as long as this component. */
@Component(service = StorageProvider.class, property = StorageProvider.NAME_PROPERTY + "=" + StorageProvider.MEMORY)
public final class MemoryStorageComponent implements StorageProvider {

    private final MemoryStorage storage = new MemoryStorage();

    @Override
    public String name() {
        return storage.name();
    }

    @Override
    public KeyValueStore open(Path dir, StoreOptions options) {
        return storage.open(dir, options);
    }
}
