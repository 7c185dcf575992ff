package io.weft.core.deliver;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

import io.weft.channelconfig.ChannelConfig;
import io.weft.core.committer.BlockCommitter;
import io.weft.deliver.BlockSource;
import io.weft.ledger.KvLedger;
import io.weft.ledger.pvtdata.TxPvtData;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.lifecycle.ChaincodeCollections;
import io.weft.lifecycle.LifecycleStateException;

/**
 * What Deliver needs of a joined channel: its current config, its committed blocks and private data, and a signal
 * when the height grows. Blocks are read from the ledger, never carried by the commit events, so a slow client costs
 * the committer nothing.
 *
 * @param committer where blocks are committed; its config is the channel's current one, its ledger where committed
 *                  blocks and private data are read
 */
record DeliverChannel(BlockCommitter committer) implements BlockSource {

    DeliverChannel {
        Objects.requireNonNull(committer, "committer");
    }

    private KvLedger ledger() {
        return committer.ledger();
    }

    @Override
    public String id() {
        return committer.channelId();
    }

    @Override
    public ChannelConfig config() {
        return committer.channel().config();
    }

    @Override
    public long height() {
        return ledger().height();
    }

    /** Committed block {@code number}; empty when the ledger has it not (yet). */
    @Override
    public Optional<Block> block(long number) throws IOException {
        return ledger().blocks().blockByNumber(number);
    }

    /** Runs {@code heightChanged} on the committing thread after each commit: it must only signal, never block. */
    @Override
    public AutoCloseable onHeightChange(Runnable heightChanged) {
        Objects.requireNonNull(heightChanged, "heightChanged");
        return committer.subscribe(committed -> heightChanged.run());
    }

    /** The unexpired private data the peer holds for block {@code number}, per transaction. */
    List<TxPvtData> privateData(long number) {
        return ledger().pvtDataByBlockNum(number, null);
    }

    /** The collection's definition in the channel's committed state. */
    Optional<StaticCollectionConfig> collection(String chaincode, String collection) throws LifecycleStateException {
        QueryExecutor q = ledger().newQueryExecutorNoCollChecks();
        try {
            return ChaincodeCollections.collection(q::getState, chaincode, collection);
        } finally {
            q.done();
        }
    }
}
