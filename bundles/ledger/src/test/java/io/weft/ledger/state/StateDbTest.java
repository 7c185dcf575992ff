package io.weft.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.weft.api.storage.KeyValueStore;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.testing.TestStores;

class StateDbTest {

    @TempDir
    Path tmp;

    private static ByteString b(String s) {
        return ByteString.copyFromUtf8(s);
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void storesFabricKeysAndDbValues(String backend) {
        try (KeyValueStore kv = TestStores.open(backend, tmp)) {
            StateDb db = new StateDb(new DbHandle(kv, "mychannel"));
            UpdateBatch batch = new UpdateBatch();
            ByteString metadata = StateMetadata.serialize(List.of(
                    KVMetadataEntry.newBuilder().setName("VALIDATION_PARAMETER").setValue(b("p")).build()));
            batch.put("cc", "k1", b("v1"), metadata, new Version(5, 2));
            batch.put("cc", "k0", b("v0"), null, new Version(0, 0));
            db.apply(batch, new Version(5, 3));

            // 'd' ns 0x00 key → DBValue{version 1, value 2, metadata 3}, in the channel's database
            assertThat(kv.get(("mychannel\0dcc\0k1").getBytes())).isEqualTo(hex(
                    "0a04" + "01050102" + "1202" + "7631" + "1a1b" + "1219" + "0a14"
                            + HexFormat.of().formatHex("VALIDATION_PARAMETER".getBytes()) + "1201" + "70"));
            assertThat(kv.get(("mychannel\0dcc\0k0").getBytes())).isEqualTo(hex("0a020000" + "12027630"));
            assertThat(kv.get("mychannel\0s".getBytes())).isEqualTo(hex("01050103"));

            VersionedValue vv = db.get("cc", "k1");
            assertThat(vv.value()).isEqualTo(b("v1"));
            assertThat(vv.metadata()).isEqualTo(metadata);
            assertThat(vv.version()).isEqualTo(new Version(5, 2));
            assertThat(db.get("cc", "k0").metadata()).isNull();
            assertThat(db.version("cc", "k0")).isEqualTo(new Version(0, 0));
            assertThat(db.get("cc", "absent")).isNull();
            assertThat(db.get("other", "k1")).isNull();
            assertThat(db.savepoint()).contains(new Version(5, 3));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void deletesAndSavepointSurviveReopen(String backend) {
        try (KeyValueStore kv = TestStores.open(backend, tmp)) {
            StateDb db = new StateDb(new DbHandle(kv, "ch"));
            assertThat(db.savepoint()).isEmpty();
            assertThat(db.isEmpty()).isTrue();
            UpdateBatch b1 = new UpdateBatch();
            b1.put("cc", "a", b("1"), null, new Version(1, 0));
            b1.put("cc", "b", b("2"), null, new Version(1, 0));
            db.apply(b1, new Version(1, 0));
            UpdateBatch b2 = new UpdateBatch();
            b2.delete("cc", "a", new Version(2, 0));
            b2.put("cc", "b", b("3"), null, new Version(2, 1));
            b2.put("cc", "b", b("4"), null, new Version(2, 2)); // the later change of a key wins
            db.apply(b2, new Version(2, 2));
            assertThat(db.get("cc", "a")).isNull();
            assertThat(db.get("cc", "b").value()).isEqualTo(b("4"));
            assertThat(db.savepoint()).contains(new Version(2, 2));
        }
        if (backend.equals("leveldb")) {
            try (KeyValueStore kv = TestStores.open(backend, tmp)) {
                StateDb db = new StateDb(new DbHandle(kv, "ch"));
                assertThat(db.get("cc", "b").version()).isEqualTo(new Version(2, 2));
                assertThat(db.savepoint()).contains(new Version(2, 2));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void rangeScansInUnsignedKeyOrderWithinTheNamespace(String backend) {
        try (KeyValueStore kv = TestStores.open(backend, tmp)) {
            StateDb db = new StateDb(new DbHandle(kv, "ch"));
            UpdateBatch batch = new UpdateBatch();
            Version v = new Version(1, 0);
            for (String k : List.of("a", "b", "\u00e9", "z", "\u0000color~name\u0000blue\u0000x\u0000",
                    "\u0000color~name\u0000red\u0000y\u0000", "\u0000other\u0000")) {
                batch.put("cc", k, b("v-" + k), null, v);
            }
            batch.put("cc1", "a", b("x"), null, v);       // a namespace sharing the prefix
            batch.put("cc$$pcoll", "a", b("x"), null, v); // a collection of it
            batch.put("c", "zz", b("x"), null, v);
            db.apply(batch, v);

            assertThat(keys(db.rangeScan("cc", "", ""))).containsExactly(
                    "\u0000color~name\u0000blue\u0000x\u0000", "\u0000color~name\u0000red\u0000y\u0000",
                    "\u0000other\u0000", "a", "b", "z", "\u00e9");
            assertThat(keys(db.rangeScan("cc", "b", "\u00e9"))).containsExactly("b", "z");
            assertThat(keys(db.rangeScan("cc", "b", "z"))).containsExactly("b");
            // composite-key style: all keys of one object type
            assertThat(keys(db.rangeScan("cc", "\u0000color~name\u0000", "\u0000color~name\u0000\udbff\udfff")))
                    .containsExactly("\u0000color~name\u0000blue\u0000x\u0000", "\u0000color~name\u0000red\u0000y\u0000");
            assertThat(keys(db.rangeScan("c", "", ""))).containsExactly("zz");
            assertThat(keys(db.privateDataRangeScan("cc", "coll", "", ""))).containsExactly("a");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void pagesWithBookmarks(String backend) {
        try (KeyValueStore kv = TestStores.open(backend, tmp)) {
            StateDb db = new StateDb(new DbHandle(kv, "ch"));
            UpdateBatch batch = new UpdateBatch();
            for (String k : List.of("k1", "k2", "k3", "k4", "k5")) {
                batch.put("cc", k, b(k), null, new Version(1, 0));
            }
            db.apply(batch, new Version(1, 0));

            StateIterator page = db.rangeScan("cc", "k1", "k5", 2);
            assertThat(page.next().keyString()).isEqualTo("k1");
            assertThat(page.next().keyString()).isEqualTo("k2");
            assertThat(page.next()).isNull();
            assertThat(page.bookmarkAndClose()).isEqualTo("k3");

            StateIterator last = db.rangeScan("cc", "k3", "k5", 2);
            assertThat(keys(last)).containsExactly("k3", "k4");
            assertThat(db.rangeScan("cc", "k3", "k5", 2).bookmarkAndClose()).isEqualTo("k3");
            StateIterator end = db.rangeScan("cc", "k5", "", 2);
            end.next();
            assertThat(end.bookmarkAndClose()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void privateDataAndHashesInDerivedNamespaces(String backend) throws Exception {
        try (KeyValueStore kv = TestStores.open(backend, tmp)) {
            StateDb db = new StateDb(new DbHandle(kv, "ch"));
            ByteString keyHash = sha256("k");
            ByteString valueHash = sha256("secret");
            UpdateBatch batch = new UpdateBatch();
            batch.putHashed("cc", "coll", keyHash, valueHash, null, new Version(3, 1));
            batch.putPrivate("cc", "coll", "k", b("secret"), new Version(3, 1));
            db.apply(batch, new Version(3, 1));

            byte[] hashedKey = ByteString.copyFromUtf8("ch\0dcc$$hcoll\0").concat(keyHash).toByteArray();
            assertThat(kv.get(hashedKey)).isNotNull();
            assertThat(kv.get("ch\0dcc$$pcoll\0k".getBytes())).isNotNull();
            assertThat(db.privateData("cc", "coll", "k").value()).isEqualTo(b("secret"));
            assertThat(db.privateDataHash("cc", "coll", "k").value()).isEqualTo(valueHash);
            assertThat(db.keyHashVersion("cc", "coll", keyHash)).isEqualTo(new Version(3, 1));
        }
    }

    static ByteString sha256(String s) throws Exception {
        return ByteString.copyFrom(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes("UTF-8")));
    }

    private static List<String> keys(StateIterator it) {
        List<String> keys = new ArrayList<>();
        for (VersionedKV kv = it.next(); kv != null; kv = it.next()) {
            keys.add(kv.keyString());
        }
        it.close();
        return keys;
    }
}
