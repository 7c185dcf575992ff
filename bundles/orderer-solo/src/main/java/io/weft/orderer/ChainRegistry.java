package io.weft.orderer;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.common.Block;

import io.weft.api.identity.SigningIdentity;
import io.weft.bccsp.Bccsp;
import io.weft.channelconfig.ChannelConfig;
import io.weft.channelconfig.ChannelConfigException;
import io.weft.configtx.ConfigIds;
import io.weft.configtx.ConfigtxException;

/**
 * The orderer's chains by channel (Fabric's {@code multichannel.Registrar}, without a system channel): created from a
 * genesis block, reopened from their ledgers on start, looked up by Broadcast (and later Deliver and the channel
 * participation API), removed with their ledger. Thread-safe; lookups take no lock.
 */
public final class ChainRegistry implements AutoCloseable {

    private final OrdererLedgers ledgers;
    private final SigningIdentity signer;
    private final Bccsp bccsp;
    private final Clock clock;
    private final Map<String, SoloChain> chains = new ConcurrentHashMap<>();

    public ChainRegistry(OrdererLedgers ledgers, SigningIdentity signer, Bccsp bccsp, Clock clock) {
        this.ledgers = ledgers;
        this.signer = signer;
        this.bccsp = bccsp;
        this.clock = clock;
    }

    /** Starts a chain for every channel that has a ledger. */
    public synchronized void startExisting() throws ChainException {
        try {
            for (String channelId : ledgers.channels()) {
                if (!chains.containsKey(channelId)) {
                    chains.put(channelId, start(ledgers.open(channelId)));
                }
            }
        } catch (IOException e) {
            throw new ChainException("cannot open the orderer's ledgers: " + e.getMessage(), e);
        }
    }

    /** Creates the channel of {@code genesis} (a config block numbered 0): its ledger, then its chain. */
    public synchronized SoloChain create(Block genesis) throws ChainException {
        if (genesis.getHeader().getNumber() != 0) {
            throw new ChainException("block " + genesis.getHeader().getNumber() + " is not a genesis block");
        }
        String channelId;
        try {
            channelId = ChannelConfig.fromBlock(genesis, bccsp).channelId();
            ConfigIds.validateChannelId(channelId);
        } catch (ChannelConfigException | ConfigtxException e) {
            throw new ChainException("invalid genesis block: " + e.getMessage(), e);
        }
        if (chains.containsKey(channelId)) {
            throw new ChainException("channel already exists: " + channelId);
        }
        OrdererLedger ledger = openEmpty(channelId);
        try {
            ledger.append(genesis);
        } catch (OrdererLedger.LedgerWriteException e) {
            ledger.close();
            throw new ChainException("cannot create channel " + channelId + ": " + e.getMessage(), e);
        }
        SoloChain chain = start(ledger);
        chains.put(channelId, chain);
        return chain;
    }

    private OrdererLedger openEmpty(String channelId) throws ChainException {
        OrdererLedger ledger;
        try {
            ledger = ledgers.open(channelId);
        } catch (IOException e) {
            throw new ChainException("cannot create the ledger of channel " + channelId + ": " + e.getMessage(), e);
        }
        if (ledger.height() != 0) {
            ledger.close();
            throw new ChainException("channel " + channelId + " already has a ledger of height " + ledger.height());
        }
        return ledger;
    }

    private SoloChain start(OrdererLedger ledger) throws ChainException {
        try {
            return SoloChain.start(ledger, signer, bccsp, clock);
        } catch (ChainException e) {
            ledger.close();
            throw e;
        }
    }

    public Optional<SoloChain> chain(String channelId) {
        return Optional.ofNullable(chains.get(channelId));
    }

    /** The channels served, sorted. */
    public List<String> channels() {
        return chains.keySet().stream().sorted().toList();
    }

    /** Stops the channel's chain and deletes its ledger. */
    public synchronized void remove(String channelId) throws ChainException {
        SoloChain chain = chains.remove(channelId);
        if (chain == null) {
            throw new ChainException("channel does not exist: " + channelId);
        }
        chain.close();
        chain.ledger().close();
        try {
            ledgers.remove(channelId);
        } catch (IOException e) {
            throw new ChainException("cannot remove the ledger of channel " + channelId + ": " + e.getMessage(), e);
        }
    }

    /** Stops every chain and closes its ledger. */
    @Override
    public synchronized void close() {
        for (SoloChain chain : chains.values()) {
            chain.close();
            chain.ledger().close();
        }
        chains.clear();
    }
}
