package io.weft.ledger.pvtdata;

import java.nio.charset.StandardCharsets;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;

/** Private write sets for tests: {@code "ns/coll"} names, one write per collection. */
public final class PvtWriteSets {

    private PvtWriteSets() {
    }

    /** A write set with one write {@code key → "<ns>/<coll>/<key>"} in each {@code "ns/coll"}, in order. */
    public static TxPvtReadWriteSet writeSet(String key, String... nsColls) {
        TxPvtReadWriteSet.Builder tx = TxPvtReadWriteSet.newBuilder();
        NsPvtReadWriteSet.Builder ns = null;
        for (String nc : nsColls) {
            String[] parts = nc.split("/");
            if (ns == null || !ns.getNamespace().equals(parts[0])) {
                if (ns != null) {
                    tx.addNsPvtRwset(ns);
                }
                ns = NsPvtReadWriteSet.newBuilder().setNamespace(parts[0]);
            }
            ns.addCollectionPvtRwset(collection(parts[1], key, nc + "/" + key));
        }
        if (ns != null) {
            tx.addNsPvtRwset(ns);
        }
        return tx.build();
    }

    public static CollectionPvtReadWriteSet collection(String name, String key, String value) {
        KVRWSet rwset = KVRWSet.newBuilder().addWrites(KVWrite.newBuilder().setKey(key)
                .setValue(ByteString.copyFrom(value, StandardCharsets.UTF_8))).build();
        return CollectionPvtReadWriteSet.newBuilder().setCollectionName(name).setRwset(rwset.toByteString()).build();
    }
}
