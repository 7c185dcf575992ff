package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StorageProvider;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.pvtdata.BtlPolicy;
import io.weft.ledger.state.StateDb;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;
import io.weft.ledger.testing.TestStores;
import io.weft.ledger.txmgr.CollectionConfigSource;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.ledger.txmgr.TxManager;

class CollectionBtlPolicyTest {

    @TempDir
    Path dir;

    @Test
    void blockToLiveComesFromTheCollectionConfigOnceAndUnknownCollectionsFail() {
        AtomicInteger lookups = new AtomicInteger();
        CollectionConfigSource source = new CollectionConfigSource() {
            @Override
            public CollectionConfigPackage allCollectionsConfig(String ledgerId,
                    String namespace, QueryExecutor qe) {
                throw new AssertionError("the block-to-live needs one collection");
            }

            @Override
            public StaticCollectionConfig collectionInfo(String ledgerId, String namespace, String collection,
                    QueryExecutor qe) {
                lookups.incrementAndGet();
                return collection.equals("c") ? StaticCollectionConfig.newBuilder().setName("c").setBlockToLive(3).build()
                        : null;
            }
        };
        try (KeyValueStore store = TestStores.open(StorageProvider.MEMORY, dir)) {
            TxManager state = new TxManager("ch", new StateDb(new DbHandle(store, "ch")), null);
            BtlPolicy btl = new CollectionBtlPolicy("ch", source, state);

            assertThat(btl.btl("cc", "c")).isEqualTo(3);
            assertThat(btl.expiringBlock("cc", "c", 10)).isEqualTo(14);
            assertThat(lookups).hasValue(1);
            assertThatThrownBy(() -> btl.btl("cc", "d")).isInstanceOf(LedgerException.class)
                    .hasMessage("collection [d] of chaincode [cc] is not defined on channel [ch]");
            assertThatThrownBy(() -> CollectionBtlPolicy.none("ch").btl("cc", "c"))
                    .hasMessage("collection [c] of chaincode [cc] is not defined on channel [ch]");
            // every executor opened for a lookup is done: a commit can take the lock
            state.commit(new UpdateBatch(), new Version(0, 0));
        }
    }
}
