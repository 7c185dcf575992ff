package io.weft.storage.leveldb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.KeyValueStoreContract;
import io.weft.api.storage.StorageException;
import io.weft.api.storage.StorageProvider;
import io.weft.api.storage.StoreOptions;

import org.junit.jupiter.api.Test;

class LevelDbStoreTest extends KeyValueStoreContract {

    @Override
    protected StorageProvider createProvider() {
        return new LevelDbStorageComponent();
    }

    @Test
    void registersUnderItsName() {
        assertThat(provider.name()).isEqualTo("leveldb");
    }

    @Test
    void keepsItsDataInALevelDbFolder() {
        store.write(store.newBatch().put(b("k"), b("v")), true);
        assertThat(dir.resolve("CURRENT")).isRegularFile();
        assertThat(dir.resolve("LOCK")).isRegularFile();
    }

    @Test
    void anotherProviderInstanceFindsTheFolderLocked() {
        // what a second peer process would meet: LevelDB's own lock, not this provider's bookkeeping
        StorageProvider other = new LevelDbStorageComponent();
        assertThatThrownBy(() -> other.open(dir, StoreOptions.defaults())).isInstanceOf(StorageException.class)
                .hasMessageContaining("lock");
    }

    @Test
    void reopenedByAFreshProviderAfterClose() throws Exception {
        store.write(store.newBatch().put(b("k"), b("v")), true);
        store.close();
        try (KeyValueStore again = new LevelDbStorageComponent().open(dir, new StoreOptions(false))) {
            assertThat(again.get(b("k"))).isEqualTo(b("v"));
        }
        assertThat(Files.list(dir)).isNotEmpty();
    }
}
