package io.weft.ledger.txmgr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.google.protobuf.ByteString;

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
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

import io.weft.ledger.encoding.GoStringOrder;
import io.weft.ledger.state.Version;
import io.weft.protoutil.Hashing;

/**
 * Collects a simulation's reads, writes, range queries and private writes, and builds Fabric's
 * {@code TxReadWriteSet} and {@code TxPvtReadWriteSet} from them as Fabric's rwset builder does: namespaces,
 * collections and keys in Go's string order, range queries in the order first recorded, the latest operation on a
 * key winning.
 */
final class RwSetBuilder {

    private final Map<String, NsPub> pub = sortedMap();
    private final Map<String, Map<String, CollPvt>> pvt = sortedMap();

    void addRead(String ns, String key, Version version) {
        nsPub(ns).reads.put(key, read(key, version));
    }

    void addWrite(String ns, String key, ByteString value) {
        nsPub(ns).writes.put(key, write(key, value));
    }

    void addMetadataWrite(String ns, String key, Map<String, ByteString> metadata) {
        KVMetadataWrite.Builder w = KVMetadataWrite.newBuilder().setKey(key);
        entries(metadata).forEach((name, value) ->
                w.addEntries(KVMetadataEntry.newBuilder().setName(name).setValue(value)));
        nsPub(ns).metadataWrites.put(key, w.build());
    }

    /** Records a range query once per (start, end, exhausted): a repeated query adds nothing. */
    void addRangeQuery(String ns, RangeQueryInfo rqi) {
        nsPub(ns).rangeQueries.putIfAbsent(new RangeKey(rqi.getStartKey(), rqi.getEndKey(), rqi.getItrExhausted()), rqi);
    }

    void addHashedRead(String ns, String coll, String key, Version version) {
        KVReadHash.Builder r = KVReadHash.newBuilder().setKeyHash(hash(key));
        if (version != null) {
            r.setVersion(protoVersion(version));
        }
        collHash(ns, coll).reads.put(key, r.build());
    }

    /** A private write: the plain write goes to the private rwset, its hashes to the public one. */
    void addPrivateWrite(String ns, String coll, String key, ByteString value) {
        addPrivateWrite(ns, coll, key, value, false);
    }

    /** Fabric's purge of a private key: a delete whose hashed write is flagged as a purge. */
    void addPrivatePurge(String ns, String coll, String key) {
        addPrivateWrite(ns, coll, key, null, true);
    }

    private void addPrivateWrite(String ns, String coll, String key, ByteString value, boolean purge) {
        KVWrite w = write(key, value);
        KVWriteHash.Builder h = KVWriteHash.newBuilder().setKeyHash(hash(key)).setIsDelete(w.getIsDelete())
                .setIsPurge(purge);
        if (!w.getIsDelete()) {
            h.setValueHash(ByteString.copyFrom(Hashing.sha256(value)));
        }
        collPvt(ns, coll).writes.put(key, w);
        collHash(ns, coll).writes.put(key, h.build());
    }

    /** A private metadata write: the private rwset records the key only, the public one the hashed entries. */
    void addPrivateMetadataWrite(String ns, String coll, String key, Map<String, ByteString> metadata) {
        collPvt(ns, coll).metadataWrites.put(key, KVMetadataWrite.newBuilder().setKey(key).build());
        KVMetadataWriteHash.Builder w = KVMetadataWriteHash.newBuilder().setKeyHash(hash(key));
        entries(metadata).forEach((name, value) ->
                w.addEntries(KVMetadataEntry.newBuilder().setName(name).setValue(value)));
        collHash(ns, coll).metadataWrites.put(key, w.build());
    }

    /** The private rwset (null if there were no private writes) and, hashed into it, the public one. */
    SimulationResults build() {
        TxPvtReadWriteSet pvtSet = buildPvt();
        if (pvtSet != null) {
            for (NsPvtReadWriteSet ns : pvtSet.getNsPvtRwsetList()) {
                for (CollectionPvtReadWriteSet coll : ns.getCollectionPvtRwsetList()) {
                    collHash(ns.getNamespace(), coll.getCollectionName()).pvtDataHash =
                            ByteString.copyFrom(Hashing.sha256(coll.getRwset()));
                }
            }
        }
        TxReadWriteSet.Builder tx = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        pub.forEach((ns, b) -> tx.addNsRwset(b.build(ns)));
        return new SimulationResults(tx.build(), pvtSet);
    }

    private TxPvtReadWriteSet buildPvt() {
        if (pvt.isEmpty()) {
            return null;
        }
        TxPvtReadWriteSet.Builder tx = TxPvtReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        pvt.forEach((ns, colls) -> {
            NsPvtReadWriteSet.Builder nsSet = NsPvtReadWriteSet.newBuilder().setNamespace(ns);
            colls.forEach((coll, b) -> nsSet.addCollectionPvtRwset(CollectionPvtReadWriteSet.newBuilder()
                    .setCollectionName(coll)
                    .setRwset(KVRWSet.newBuilder().addAllWrites(b.writes.values())
                            .addAllMetadataWrites(b.metadataWrites.values()).build().toByteString())));
            tx.addNsPvtRwset(nsSet);
        });
        return tx.build();
    }

    static KVRead read(String key, Version version) {
        KVRead.Builder r = KVRead.newBuilder().setKey(key);
        if (version != null) {
            r.setVersion(protoVersion(version));
        }
        return r.build();
    }

    private static KVWrite write(String key, ByteString value) {
        boolean delete = value == null || value.isEmpty();
        KVWrite.Builder w = KVWrite.newBuilder().setKey(key).setIsDelete(delete);
        if (value != null) {
            w.setValue(value);
        }
        return w.build();
    }

    private static org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version protoVersion(Version v) {
        return org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder()
                .setBlockNum(v.blockNum()).setTxNum(v.txNum()).build();
    }

    private static ByteString hash(String key) {
        return ByteString.copyFrom(Hashing.sha256(ByteString.copyFromUtf8(key)));
    }

    private static Map<String, ByteString> entries(Map<String, ByteString> metadata) {
        Map<String, ByteString> sorted = sortedMap();
        if (metadata != null) {
            sorted.putAll(metadata);
        }
        return sorted;
    }

    private NsPub nsPub(String ns) {
        return pub.computeIfAbsent(ns, n -> new NsPub());
    }

    private CollHash collHash(String ns, String coll) {
        return nsPub(ns).colls.computeIfAbsent(coll, c -> new CollHash());
    }

    private CollPvt collPvt(String ns, String coll) {
        return pvt.computeIfAbsent(ns, n -> sortedMap()).computeIfAbsent(coll, c -> new CollPvt());
    }

    private static <V> Map<String, V> sortedMap() {
        return new TreeMap<>(GoStringOrder.INSTANCE);
    }

    private record RangeKey(String start, String end, boolean exhausted) {
    }

    private static final class NsPub {
        final Map<String, KVRead> reads = sortedMap();
        final Map<String, KVWrite> writes = sortedMap();
        final Map<String, KVMetadataWrite> metadataWrites = sortedMap();
        final Map<RangeKey, RangeQueryInfo> rangeQueries = new LinkedHashMap<>();
        final Map<String, CollHash> colls = sortedMap();

        NsReadWriteSet build(String ns) {
            KVRWSet kv = KVRWSet.newBuilder().addAllReads(reads.values()).addAllRangeQueriesInfo(rangeQueries.values())
                    .addAllWrites(writes.values()).addAllMetadataWrites(metadataWrites.values()).build();
            NsReadWriteSet.Builder b = NsReadWriteSet.newBuilder().setNamespace(ns).setRwset(kv.toByteString());
            colls.forEach((coll, c) -> b.addCollectionHashedRwset(c.build(coll)));
            return b.build();
        }
    }

    private static final class CollHash {
        final Map<String, KVReadHash> reads = sortedMap();
        final Map<String, KVWriteHash> writes = sortedMap();
        final Map<String, KVMetadataWriteHash> metadataWrites = sortedMap();
        ByteString pvtDataHash = ByteString.EMPTY;

        CollectionHashedReadWriteSet build(String coll) {
            HashedRWSet set = HashedRWSet.newBuilder().addAllHashedReads(reads.values())
                    .addAllHashedWrites(writes.values()).addAllMetadataWrites(metadataWrites.values()).build();
            return CollectionHashedReadWriteSet.newBuilder().setCollectionName(coll).setHashedRwset(set.toByteString())
                    .setPvtRwsetHash(pvtDataHash).build();
        }
    }

    private static final class CollPvt {
        final Map<String, KVWrite> writes = sortedMap();
        final Map<String, KVMetadataWrite> metadataWrites = sortedMap();
    }
}
