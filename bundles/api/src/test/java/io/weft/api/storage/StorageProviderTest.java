package io.weft.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StorageProviderTest {

    @Test
    void fabricStateDatabaseNamesSelectABackend() {
        assertThat(StorageProvider.backendFor("goleveldb")).isEqualTo("leveldb");
        assertThat(StorageProvider.backendFor("")).isEqualTo("leveldb");
        assertThat(StorageProvider.backendFor("memory")).isEqualTo("memory");
        assertThatThrownBy(() -> StorageProvider.backendFor("CouchDB")).isInstanceOf(StorageException.class)
                .hasMessageContaining("CouchDB");
    }
}
