package io.weft.ledger.txmgr;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;

import io.weft.ledger.LedgerException;
import io.weft.protoutil.Protos;

/** A {@code TxReadWriteSet} with its nested byte fields parsed (Fabric's {@code rwsetutil.TxRwSet}). */
public record TxRwSet(List<Ns> namespaces) {

    public record Ns(String namespace, KVRWSet kvRwSet, List<CollHashed> collections) {
    }

    public record CollHashed(String collection, HashedRWSet hashedRwSet, ByteString pvtRwSetHash) {
    }

    public static TxRwSet parse(ByteString bytes) {
        try {
            return of(Protos.parse(TxReadWriteSet.parser(), bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("error unmarshalling TxReadWriteSet: " + e.getMessage(), e);
        }
    }

    public static TxRwSet of(TxReadWriteSet tx) {
        try {
            List<Ns> nss = new ArrayList<>(tx.getNsRwsetCount());
            for (NsReadWriteSet ns : tx.getNsRwsetList()) {
                List<CollHashed> colls = new ArrayList<>(ns.getCollectionHashedRwsetCount());
                for (CollectionHashedReadWriteSet c : ns.getCollectionHashedRwsetList()) {
                    colls.add(new CollHashed(c.getCollectionName(), Protos.parse(HashedRWSet.parser(), c.getHashedRwset()),
                            c.getPvtRwsetHash()));
                }
                nss.add(new Ns(ns.getNamespace(), Protos.parse(KVRWSet.parser(), ns.getRwset()), colls));
            }
            return new TxRwSet(nss);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("error unmarshalling read-write set: " + e.getMessage(), e);
        }
    }
}
