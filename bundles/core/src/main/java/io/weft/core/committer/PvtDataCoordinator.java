package io.weft.core.committer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;

import io.weft.ledger.LedgerException;
import io.weft.ledger.pvtdata.MissingPvtData;
import io.weft.ledger.pvtdata.NsColl;
import io.weft.ledger.pvtdata.PvtNsCollFilter;
import io.weft.ledger.pvtdata.TxPvtData;
import io.weft.ledger.transientstore.EndorserPvtSimulationResults;
import io.weft.ledger.transientstore.RwsetScanner;
import io.weft.ledger.transientstore.TransientStore;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.ledger.txmgr.TxRwSet;
import io.weft.lifecycle.ChaincodeCollections;
import io.weft.lifecycle.LifecycleStateException;
import io.weft.lifecycle.StateReader;
import io.weft.policies.PolicyException;
import io.weft.protoutil.Hashing;

/**
 * Fabric's private data coordinator for the data a peer holds itself. For each valid transaction of a block that
 * writes to collections: the private write sets of the collections this peer is a member of come from the
 * transient store, kept only if they match the hashes the block carries; what it lacks is recorded missing (to be
 * reconciled later), and so are the collections it is not a member of. Collections are looked up in the state
 * committed before the block. After the commit, the block's transactions are purged from the transient store, and
 * every {@code transientBlockRetention} blocks so are the results received more than that many blocks ago. A
 * transient store that fails never fails the block: what it would have given is recorded missing. Used by the
 * committing thread only.
 */
final class PvtDataCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(PvtDataCoordinator.class);

    /**
     * A block's private data: the write sets found (one per transaction, in block order), the collections
     * missing per transaction number, and the transactions to purge from the transient store once committed.
     */
    record BlockPvtData(List<TxPvtData> pvtData, Map<Long, List<MissingPvtData>> missing, List<String> purgeTxIds) {

        static final BlockPvtData NONE = new BlockPvtData(List.of(), Map.of(), List.of());
    }

    private enum Membership { MEMBER, NOT_MEMBER, UNKNOWN }

    private final String channelId;
    private final ChannelResources channel;
    private final PrivateDataSupport support;

    PvtDataCoordinator(ChannelResources channel, PrivateDataSupport support) {
        this.channelId = channel.channelId();
        this.channel = channel;
        this.support = support;
    }

    /**
     * The private data of a block whose transactions have their final {@code codes}.
     *
     * @param state the state committed before the block; opened at most once, and done before this returns
     */
    BlockPvtData collect(List<ValidatedTx> txs, TxValidationCode[] codes, Supplier<QueryExecutor> state) {
        List<TxPvtData> found = new ArrayList<>();
        Map<Long, List<MissingPvtData>> missing = new LinkedHashMap<>();
        boolean writesCollections = false;
        try (BlockState before = new BlockState(state)) {
            Map<NsColl, Membership> memberships = new HashMap<>();
            for (int i = 0; i < codes.length; i++) {
                ValidatedTx tx = txs.get(i);
                Map<NsColl, ByteString> written = collectionWrites(tx.rwset());
                if (written.isEmpty()) {
                    continue;
                }
                writesCollections = true;
                if (codes[i] != TxValidationCode.VALID) {
                    continue;
                }
                Map<NsColl, ByteString> wanted = new LinkedHashMap<>();
                List<MissingPvtData> txMissing = new ArrayList<>();
                written.forEach((c, hash) -> {
                    switch (memberships.computeIfAbsent(c, k -> membership(k, before))) {
                        case MEMBER -> wanted.put(c, hash);
                        case NOT_MEMBER -> txMissing.add(new MissingPvtData(c.namespace(), c.collection(), false));
                        case UNKNOWN -> {
                            // logged where decided: neither kept nor recorded, as the ledger could not expire it
                        }
                    }
                });
                Map<NsColl, ByteString> rwsets = fromTransientStore(tx.txId(), wanted);
                wanted.keySet().stream().filter(c -> !rwsets.containsKey(c))
                        .forEach(c -> txMissing.add(new MissingPvtData(c.namespace(), c.collection(), true)));
                if (!rwsets.isEmpty()) {
                    found.add(new TxPvtData(i, writeSet(rwsets)));
                }
                if (!txMissing.isEmpty()) {
                    missing.put((long) i, txMissing);
                }
            }
        }
        return new BlockPvtData(found, missing, writesCollections ? txIds(txs) : List.of());
    }

    /** Removes what the committed block made useless from the transient store; failures are only logged. */
    void purge(long blockNum, List<String> txIds) {
        TransientStore store = support.transientStore();
        if (!txIds.isEmpty()) {
            try {
                store.purgeByTxids(txIds);
            } catch (RuntimeException e) {
                LOG.error("[{}] Purging transactions {} of block [{}] from the transient store failed: {}", channelId,
                        txIds, blockNum, e.getMessage(), e);
            }
        }
        long retention = support.transientBlockRetention();
        if (blockNum % retention == 0 && blockNum > retention) {
            try {
                store.purgeBelowHeight(blockNum - retention);
            } catch (RuntimeException e) {
                LOG.error("[{}] Failed purging data from transient store at block [{}]: {}", channelId, blockNum,
                        e.getMessage(), e);
            }
        }
    }

    /** The collections a write set writes to (values or metadata), with the hash of their private write sets. */
    private static Map<NsColl, ByteString> collectionWrites(TxRwSet rwset) {
        if (rwset == null) {
            return Map.of();
        }
        Map<NsColl, ByteString> written = new LinkedHashMap<>();
        for (TxRwSet.Ns ns : rwset.namespaces()) {
            for (TxRwSet.CollHashed c : ns.collections()) {
                HashedRWSet hashed = c.hashedRwSet();
                if (hashed.getHashedWritesCount() > 0 || hashed.getMetadataWritesCount() > 0) {
                    written.put(new NsColl(ns.namespace(), c.collection()), c.pvtRwSetHash());
                }
            }
        }
        return written;
    }

    private Membership membership(NsColl c, BlockState state) {
        Optional<StaticCollectionConfig> config;
        try {
            config = ChaincodeCollections.collection(state.reader(), c.namespace(), c.collection());
        } catch (LifecycleStateException | LedgerException e) {
            LOG.warn("[{}] Failed to retrieve collection config for chaincode [{}], collection [{}]: {}", channelId,
                    c.namespace(), c.collection(), e.getMessage());
            return Membership.UNKNOWN;
        }
        if (config.isEmpty()) {
            LOG.warn("[{}] Collection [{}] of chaincode [{}] is not defined: its private data is not kept", channelId,
                    c.collection(), c.namespace());
            return Membership.UNKNOWN;
        }
        try {
            return support.membership().isMember(config.get(), channel.config().deserializer()) ? Membership.MEMBER
                    : Membership.NOT_MEMBER;
        } catch (PolicyException e) {
            LOG.error("[{}] Failed to retrieve collection access policy for chaincode [{}], collection name [{}]: {}",
                    channelId, c.namespace(), c.collection(), e.getMessage());
            return Membership.UNKNOWN;
        }
    }

    /**
     * The private write sets of {@code wanted} (collection → expected hash) that the transient store holds for
     * the transaction, from any endorser's results whose write set matches the hash.
     */
    private Map<NsColl, ByteString> fromTransientStore(String txId, Map<NsColl, ByteString> wanted) {
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<NsColl, ByteString> found = new HashMap<>();
        PvtNsCollFilter filter = new PvtNsCollFilter();
        wanted.keySet().forEach(c -> filter.add(c.namespace(), c.collection()));
        try (RwsetScanner results = support.transientStore().getTxPvtRWSetByTxid(txId, filter)) {
            for (EndorserPvtSimulationResults r = results.next(); r != null && found.size() < wanted.size();
                    r = results.next()) {
                for (NsPvtReadWriteSet ns : r.pvtSimulationResultsWithConfig().getPvtRwset().getNsPvtRwsetList()) {
                    for (CollectionPvtReadWriteSet coll : ns.getCollectionPvtRwsetList()) {
                        NsColl c = new NsColl(ns.getNamespace(), coll.getCollectionName());
                        ByteString expected = wanted.get(c);
                        if (expected != null && !found.containsKey(c)
                                && expected.equals(ByteString.copyFrom(Hashing.sha256(coll.getRwset())))) {
                            found.put(c, coll.getRwset());
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("[{}] Failed fetching private data of transaction [{}] from the transient store: {}", channelId,
                    txId, e.getMessage());
        }
        Map<NsColl, ByteString> inBlockOrder = new LinkedHashMap<>();
        wanted.keySet().stream().filter(found::containsKey).forEach(c -> inBlockOrder.put(c, found.get(c)));
        return inBlockOrder;
    }

    /** One transaction's private write set, namespaces and collections in the order its public write set has. */
    private static TxPvtReadWriteSet writeSet(Map<NsColl, ByteString> rwsets) {
        Map<String, NsPvtReadWriteSet.Builder> namespaces = new LinkedHashMap<>();
        rwsets.forEach((c, rwset) -> namespaces
                .computeIfAbsent(c.namespace(), ns -> NsPvtReadWriteSet.newBuilder().setNamespace(ns))
                .addCollectionPvtRwset(CollectionPvtReadWriteSet.newBuilder().setCollectionName(c.collection())
                        .setRwset(rwset)));
        TxPvtReadWriteSet.Builder ws = TxPvtReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        namespaces.values().forEach(ws::addNsPvtRwset);
        return ws.build();
    }

    private static List<String> txIds(List<ValidatedTx> txs) {
        List<String> ids = new ArrayList<>(txs.size());
        for (ValidatedTx tx : txs) {
            if (!tx.txId().isEmpty()) {
                ids.add(tx.txId());
            }
        }
        return ids;
    }

    /** The state committed before the block, opened when first read and done before the block commits. */
    private static final class BlockState implements AutoCloseable {

        private final Supplier<QueryExecutor> open;
        private QueryExecutor qe;

        BlockState(Supplier<QueryExecutor> open) {
            this.open = open;
        }

        StateReader reader() {
            if (qe == null) {
                qe = open.get();
            }
            QueryExecutor executor = qe;
            return executor::getState;
        }

        @Override
        public void close() {
            if (qe != null) {
                qe.done();
            }
        }
    }
}
