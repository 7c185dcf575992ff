package io.weft.core.deliver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

import io.weft.ledger.pvtdata.TxPvtData;
import io.weft.lifecycle.LifecycleStateException;
import io.weft.msp.IdentityDeserializer;
import io.weft.policies.CompiledSignaturePolicy;
import io.weft.policies.PolicyException;
import io.weft.protoutil.SignedData;

/**
 * Which of a block's private data DeliverWithPrivateData hands a requester (Fabric's collection policy check): every
 * collection whose definition does not restrict reads to members, and the member-only ones whose member-orgs policy
 * the request's signed data satisfies. Weft reads the collection's definition from the committed state, where
 * Fabric reads the definition in force below the block: they differ only for blocks older than a collection update.
 */
final class PrivateDataReleases {

    /** A collection's definition that cannot be read ends the stream, as in Fabric. */
    static final class PrivateDataException extends Exception {

        private static final long serialVersionUID = 1L;

        PrivateDataException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private PrivateDataReleases() {
    }

    /** Transaction index → the private write sets released to the requester, for block {@code number}. */
    static Map<Long, TxPvtReadWriteSet> of(DeliverChannel channel, long number, SignedData requester)
            throws PrivateDataException {
        IdentityDeserializer deserializer = channel.config().deserializer();
        Map<Long, TxPvtReadWriteSet> released = new LinkedHashMap<>();
        for (TxPvtData tx : channel.privateData(number)) {
            if (tx.writeSet() == null) {
                continue;
            }
            TxPvtReadWriteSet.Builder kept = TxPvtReadWriteSet.newBuilder().setDataModel(tx.writeSet().getDataModel());
            for (NsPvtReadWriteSet ns : tx.writeSet().getNsPvtRwsetList()) {
                NsPvtReadWriteSet.Builder keptNs = NsPvtReadWriteSet.newBuilder().setNamespace(ns.getNamespace());
                for (CollectionPvtReadWriteSet collection : ns.getCollectionPvtRwsetList()) {
                    if (eligible(channel, number, ns.getNamespace(), collection.getCollectionName(), deserializer,
                            requester)) {
                        keptNs.addCollectionPvtRwset(collection);
                    }
                }
                if (keptNs.getCollectionPvtRwsetCount() > 0) {
                    kept.addNsPvtRwset(keptNs);
                }
            }
            if (kept.getNsPvtRwsetCount() > 0) {
                released.put(tx.seqInBlock(), kept.build());
            }
        }
        return released;
    }

    private static boolean eligible(DeliverChannel channel, long number, String chaincode, String name,
            IdentityDeserializer deserializer, SignedData requester) throws PrivateDataException {
        Optional<StaticCollectionConfig> config;
        try {
            config = channel.collection(chaincode, name);
        } catch (LifecycleStateException e) {
            throw new PrivateDataException("error getting most recent collection config below block sequence = "
                    + number + " for chaincode " + chaincode + ": " + e.getMessage(), e);
        }
        if (config.isEmpty()) {
            throw new PrivateDataException("no collection config was found for collection " + name
                    + " for chaincode " + chaincode, null);
        }
        if (!config.get().getMemberOnlyRead()) {
            return true;
        }
        if (!config.get().getMemberOrgsPolicy().hasSignaturePolicy()) {
            throw new PrivateDataException("error setting up collection  " + name
                    + ": Collection config access policy is nil", null);
        }
        CompiledSignaturePolicy members;
        try {
            members = CompiledSignaturePolicy.compile(config.get().getMemberOrgsPolicy().getSignaturePolicy(),
                    deserializer);
        } catch (PolicyException e) {
            throw new PrivateDataException("error setting up collection  " + name + ": " + e.getMessage(), e);
        }
        try {
            members.evaluateSignedData(List.of(requester));
            return true;
        } catch (PolicyException e) {
            return false;
        }
    }
}
