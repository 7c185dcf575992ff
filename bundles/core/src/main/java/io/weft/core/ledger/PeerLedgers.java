package io.weft.core.ledger;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Block;

import io.weft.ledger.KvLedger;
import io.weft.ledger.transientstore.TransientStoreProvider;

/**
 * The channel ledgers of a running peer, for the rest of the core (committer, queries, cscc's JoinChain).
 * Registered only while the ledgers are open; a backend swap withdraws it, so users must not keep a
 * {@link KvLedger} beyond one request or block.
 */
public interface PeerLedgers {

    /** The open ledger of {@code channel}, if the peer has joined it and it opened. */
    Optional<KvLedger> ledger(String channel);

    /** The channels whose ledgers are open, sorted. */
    List<String> channels();

    /**
     * Creates the ledger of the channel that {@code genesis} starts (Fabric's {@code CreateLedger}).
     *
     * @throws io.weft.ledger.LedgerException when the channel's ledger already exists, with Fabric's message
     */
    KvLedger create(Block genesis) throws IOException;

    /** The channels' transient stores: private simulation results waiting for their transactions to commit. */
    TransientStoreProvider transientStores();

    /** The storage backend the ledgers are open on. */
    String backend();
}
