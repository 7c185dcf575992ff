package io.weft.ledger.txmgr;

import static io.weft.ledger.txmgr.TxSimulatorTest.b;
import static io.weft.ledger.txmgr.TxSimulatorTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.weft.api.storage.KeyValueStore;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.state.StateDb;
import io.weft.ledger.state.StateMetadata;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;
import io.weft.ledger.state.VersionedValue;
import io.weft.ledger.testing.TestStores;

class WriteSetApplierTest {

    @TempDir
    Path tmp;

    private static final ByteString META = StateMetadata.serialize(
            List.of(KVMetadataEntry.newBuilder().setName("m").setValue(b("1")).build()));
    private static final ByteString META2 = StateMetadata.serialize(
            List.of(KVMetadataEntry.newBuilder().setName("m").setValue(b("2")).build()));

    private static TxRwSet rwset(KVRWSet kv, CollectionHashedReadWriteSet... colls) {
        return TxRwSet.of(TxReadWriteSet.newBuilder().addNsRwset(NsReadWriteSet.newBuilder().setNamespace("cc")
                .setRwset(kv.toByteString()).addAllCollectionHashedRwset(List.of(colls))).build());
    }

    private static KVMetadataWrite metadataWrite(String key, String value) {
        KVMetadataWrite.Builder w = KVMetadataWrite.newBuilder().setKey(key);
        if (value != null) {
            w.addEntries(KVMetadataEntry.newBuilder().setName("m").setValue(b(value)));
        }
        return w.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void appliesFabricsValueAndMetadataRules(String backend) {
        try (KeyValueStore kv = TestStores.open(backend, tmp)) {
            StateDb db = new StateDb(new DbHandle(kv, "ch"));
            UpdateBatch committed = new UpdateBatch();
            for (String k : List.of("upsert", "metaOnly", "metaDel", "del", "empty")) {
                committed.put("cc", k, b("old"), META, new Version(1, 0));
            }
            db.apply(committed, new Version(1, 0));

            WriteSetApplier applier = new WriteSetApplier(db);
            UpdateBatch batch = new UpdateBatch();
            Version h = new Version(2, 3);
            applier.apply(rwset(KVRWSet.newBuilder()
                    .addWrites(KVWrite.newBuilder().setKey("upsert").setValue(b("new")))
                    .addWrites(KVWrite.newBuilder().setKey("metaDel").setValue(b("new")))
                    .addWrites(KVWrite.newBuilder().setKey("del").setIsDelete(true))
                    .addWrites(KVWrite.newBuilder().setKey("empty")) // an empty value deletes
                    .addMetadataWrites(metadataWrite("metaOnly", "2"))
                    .addMetadataWrites(metadataWrite("metaDel", null))
                    .addMetadataWrites(metadataWrite("del", "2"))
                    .addMetadataWrites(metadataWrite("absent", "2"))
                    .build()), h, batch);

            assertThat(batch.get("cc", "upsert")).isEqualTo(new VersionedValue(b("new"), META, h)); // keeps metadata
            assertThat(batch.get("cc", "metaOnly")).isEqualTo(new VersionedValue(b("old"), META2, h)); // keeps value
            assertThat(batch.get("cc", "metaDel")).isEqualTo(new VersionedValue(b("new"), null, h));
            assertThat(batch.get("cc", "del")).isEqualTo(VersionedValue.delete(h));
            assertThat(batch.get("cc", "empty")).isEqualTo(VersionedValue.delete(h));
            assertThat(batch.contains("cc", "absent")).isFalse();

            // a later transaction of the same block sees the earlier one's updates, not committed state
            Version h2 = new Version(2, 4);
            applier.apply(rwset(KVRWSet.newBuilder().addWrites(KVWrite.newBuilder().setKey("metaOnly")
                    .setValue(b("newer"))).build()), h2, batch);
            assertThat(batch.get("cc", "metaOnly")).isEqualTo(new VersionedValue(b("newer"), META2, h2));

            db.apply(batch, h2);
            assertThat(db.get("cc", "del")).isNull();
            assertThat(db.get("cc", "metaOnly").metadata()).isEqualTo(META2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void appliesHashedWritesAndPrivateData(String backend) throws Exception {
        try (KeyValueStore kv = TestStores.open(backend, tmp)) {
            StateDb db = new StateDb(new DbHandle(kv, "ch"));
            UpdateBatch committed = new UpdateBatch();
            committed.putHashed("cc", "coll", sha256(b("m")), sha256(b("mv")), null, new Version(1, 0));
            committed.putPrivate("cc", "coll", "m", b("mv"), new Version(1, 0));
            db.apply(committed, new Version(1, 0));

            HashedRWSet hashed = HashedRWSet.newBuilder()
                    .addHashedWrites(KVWriteHash.newBuilder().setKeyHash(sha256(b("k"))).setValueHash(sha256(b("v"))))
                    .addHashedWrites(KVWriteHash.newBuilder().setKeyHash(sha256(b("e")))
                            .setValueHash(sha256(ByteString.EMPTY))) // the hash of an empty value deletes
                    .addMetadataWrites(KVMetadataWriteHash.newBuilder().setKeyHash(sha256(b("m")))
                            .addEntries(KVMetadataEntry.newBuilder().setName("m").setValue(b("2"))))
                    .build();
            UpdateBatch batch = new UpdateBatch();
            Version h = new Version(2, 1);
            WriteSetApplier applier = new WriteSetApplier(db);
            applier.apply(rwset(KVRWSet.getDefaultInstance(), CollectionHashedReadWriteSet.newBuilder()
                    .setCollectionName("coll").setHashedRwset(hashed.toByteString()).build()), h, batch);
            assertThat(batch.getHashed("cc", "coll", sha256(b("k"))))
                    .isEqualTo(new VersionedValue(sha256(b("v")), null, h));
            assertThat(batch.getHashed("cc", "coll", sha256(b("e")))).isEqualTo(VersionedValue.delete(h));
            assertThat(batch.getHashed("cc", "coll", sha256(b("m"))))
                    .isEqualTo(new VersionedValue(sha256(b("mv")), META2, h));

            KVRWSet pvtKv = KVRWSet.newBuilder().addWrites(KVWrite.newBuilder().setKey("k").setValue(b("v")))
                    .addMetadataWrites(KVMetadataWrite.newBuilder().setKey("m")).build();
            TxPvtReadWriteSet pvt = TxPvtReadWriteSet.newBuilder().addNsPvtRwset(NsPvtReadWriteSet.newBuilder()
                    .setNamespace("cc").addCollectionPvtRwset(CollectionPvtReadWriteSet.newBuilder()
                            .setCollectionName("coll").setRwset(pvtKv.toByteString()))).build();
            applier.applyPrivate(2, Map.of(1L, pvt), batch);
            assertThat(batch.getPrivate("cc", "coll", "k")).isEqualTo(new VersionedValue(b("v"), null, h));
            // metadata-only change: the private value moves to the version of its hash
            assertThat(batch.getPrivate("cc", "coll", "m")).isEqualTo(new VersionedValue(b("mv"), null, h));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void appliesOnlyValidEndorserTransactionsOfABlock(String backend) {
        try (KeyValueStore kv = TestStores.open(backend, tmp)) {
            StateDb db = new StateDb(new DbHandle(kv, "ch"));
            Block previous = Block.newBuilder().setHeader(BlockHeader.newBuilder().setNumber(6)).build();
            Block block = TestTransactions.block(previous, List.of(
                    TestTransactions.endorserTx("t0", 1, TestTransactions.writes("cc", "a", "0")),
                    TestTransactions.endorserTx("t1", 1, TestTransactions.writes("cc", "b", "1")),
                    TestTransactions.tx(HeaderType.CONFIG_VALUE, "t2", 1, TestTransactions.writes("cc", "c", "2")),
                    TestTransactions.endorserTx("t3", 1, TestTransactions.writes("cc", "a", "3", "d", null))),
                    (byte) 0, (byte) 11, (byte) 0, (byte) 0);
            UpdateBatch batch = new WriteSetApplier(db).applyValidTransactions(block);
            assertThat(batch.get("cc", "a")).isEqualTo(new VersionedValue(b("3"), null, new Version(7, 3)));
            assertThat(batch.get("cc", "d")).isEqualTo(VersionedValue.delete(new Version(7, 3)));
            assertThat(batch.contains("cc", "b")).isFalse(); // MVCC_READ_CONFLICT
            assertThat(batch.contains("cc", "c")).isFalse(); // not an endorser transaction
        }
    }
}
