package io.weft.storage.leveldb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StorageException;
import io.weft.api.storage.StorageProvider;
import io.weft.api.storage.StoreOptions;

import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;

/**
 * Opens LevelDB databases with LevelDB's defaults (bytewise comparator, Snappy), as Fabric's goleveldb does. The
 * native library loads with {@link JniDBFactory} once per JVM; this class only opens and closes databases.
 */
final class LevelDbStorage implements StorageProvider {

    // LevelDB's own LOCK file guards against other processes; this guards against a second open in this one
    private final Set<Path> open = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return LEVELDB;
    }

    @Override
    public KeyValueStore open(Path dir, StoreOptions options) {
        Objects.requireNonNull(options, "options");
        Path path = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        if (!open.add(path)) {
            throw new StorageException("leveldb: " + path + " is already open");
        }
        try {
            if (options.createIfMissing()) {
                Files.createDirectories(path); // Fabric's leveldbhelper creates the folder first, too
            }
            DB db = factory().open(path.toFile(), new Options().createIfMissing(options.createIfMissing()));
            return new LevelDbStore(db, path, () -> open.remove(path));
        } catch (IOException | RuntimeException e) {
            open.remove(path);
            throw e instanceof StorageException se ? se
                    : new StorageException("leveldb: opening " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static JniDBFactory factory() {
        try {
            return JniDBFactory.factory;
        } catch (LinkageError e) {
            throw new StorageException("leveldb: the leveldbjni native library does not load on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + e, e);
        }
    }
}
