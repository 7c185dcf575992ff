package io.weft.api.storage;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Opens key-value stores of one backend. A backend bundle registers this service with {@value #NAME_PROPERTY}; the
 * peer picks one by name. Swapping backends is done at service level (close the stores, rebind, reopen), never by
 * reloading a backend's native library.
 */
@ConsumerType
public interface StorageProvider {

    /** The service property that names the backend. */
    String NAME_PROPERTY = "weft.storage.name";

    /** The name of the LevelDB backend. */
    String LEVELDB = "leveldb";

    /** The name of the in-memory backend (development and tests). */
    String MEMORY = "memory";

    /** The backend's name, the value of {@value #NAME_PROPERTY}. */
    String name();

    /**
     * Opens the store kept in {@code dir}. A store may be open only once at a time.
     *
     * @throws StorageException when the store cannot be opened: missing and not to be created, locked by another
     *         user, corrupt
     */
    KeyValueStore open(Path dir, StoreOptions options);

    /**
     * The backend for core.yaml's {@code ledger.state.stateDatabase}. Like Fabric, every value but {@code CouchDB}
     * means {@code goleveldb}, which Weft serves with {@value #LEVELDB}; {@value #MEMORY} is Weft's own.
     *
     * @throws StorageException for {@code CouchDB}, which Weft does not support
     */
    static String backendFor(String stateDatabase) {
        if ("CouchDB".equals(stateDatabase)) {
            throw new StorageException("ledger.state.stateDatabase CouchDB is not supported; use goleveldb");
        }
        return MEMORY.equals(stateDatabase) ? MEMORY : LEVELDB;
    }
}
