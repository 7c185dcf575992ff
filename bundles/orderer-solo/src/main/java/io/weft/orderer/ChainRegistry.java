package io.weft.orderer;

import java.io.IOException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.api.identity.SigningIdentity;
import io.weft.bccsp.Bccsp;
import io.weft.channelconfig.ChannelConfig;
import io.weft.channelconfig.ChannelConfigException;
import io.weft.configtx.ConfigIds;
import io.weft.configtx.ConfigtxException;
import io.weft.protoutil.BlockHashes;

/**
 * The orderer's chains by channel (Fabric's {@code multichannel.Registrar}): created from a genesis block (the
 * channel participation API's join), reopened from their ledgers on start, looked up by Broadcast, Deliver and the
 * channel participation API, removed with their ledger. A channel whose config has consortiums is the orderer system
 * channel: written from a bootstrap block on first start, it takes the messages for channels the orderer does not
 * serve and creates the channels its config updates ask for. Thread-safe; lookups take no lock.
 */
public final class ChainRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChainRegistry.class);

    private final OrdererLedgers ledgers;
    private final SigningIdentity signer;
    private final Bccsp bccsp;
    private final Clock clock;
    private final Map<String, SoloChain> chains = new ConcurrentHashMap<>();
    private final ChannelCreator creator = new SystemChannelCreations();
    private volatile String systemChannelId; // null: no system channel
    private volatile boolean closed;

    public ChainRegistry(OrdererLedgers ledgers, SigningIdentity signer, Bccsp bccsp, Clock clock) {
        this.ledgers = ledgers;
        this.signer = signer;
        this.bccsp = bccsp;
        this.clock = clock;
    }

    /**
     * Fabric's {@code BootstrapMethod: file} on an orderer without channels: writes {@code genesis}, a system channel's
     * genesis block, as that channel's first block (started by {@link #startExisting}). With channels already there it
     * does nothing, as Fabric's orderer.
     */
    public synchronized void bootstrap(Block genesis) throws ChainException {
        try {
            if (!ledgers.channels().isEmpty()) {
                LOG.info("Not bootstrapping the system channel because of existing channels");
                return;
            }
        } catch (IOException e) {
            throw new ChainException("cannot open the orderer's ledgers: " + e.getMessage(), e);
        }
        String channelId = validateBootstrapBlock(genesis);
        if (genesis.getHeader().getNumber() > 0) {
            throw new ChainException("Not bootstrapping the system channel because the bootstrap block number is "
                    + genesis.getHeader().getNumber() + " (>0): replicating it needs a cluster orderer, Weft's is solo");
        }
        LOG.info("Bootstrapping the system channel");
        OrdererLedger ledger = openEmpty(channelId);
        try {
            ledger.append(genesis);
        } catch (OrdererLedger.LedgerWriteException e) {
            throw new ChainException("Could not write genesis block to ledger: " + e.getMessage(), e);
        } finally {
            ledger.close();
        }
        LOG.info("Initialized the system channel '{}' from bootstrap block", channelId);
    }

    /** Fabric's {@code ValidateBootstrapBlock}: a config block whose config has consortiums; its channel ID. */
    private String validateBootstrapBlock(Block block) throws ChainException {
        if (block.getData().getDataCount() == 0) {
            throw new ChainException("Failed validating bootstrap block: empty block data");
        }
        ChannelConfig config;
        try {
            config = ChannelConfig.fromBlock(block, bccsp);
        } catch (ChannelConfigException e) {
            throw new ChainException("Failed validating bootstrap block: " + e.getMessage(), e);
        }
        if (config.consortiums().isEmpty()) {
            throw new ChainException("Failed validating bootstrap block: the block isn't a system channel block "
                    + "because it lacks ConsortiumsConfig");
        }
        return config.channelId();
    }

    /**
     * Starts a chain for every channel that has a ledger; one whose config has consortiums becomes the system channel.
     * An empty ledger (a creation cut short) is removed, as Fabric removes one without a join block.
     */
    public synchronized void startExisting() throws ChainException {
        try {
            for (String channelId : ledgers.channels()) {
                if (chains.containsKey(channelId)) {
                    continue;
                }
                OrdererLedger ledger = ledgers.open(channelId);
                if (ledger.height() == 0) {
                    ledger.close();
                    LOG.warn("Channel '{}' has an empty ledger without a join-block, removing it", channelId);
                    ledgers.remove(channelId);
                    continue;
                }
                SoloChain chain = start(ledger);
                if (chain.isSystemChannel()) {
                    registerSystemChannel(chain);
                }
                chains.put(channelId, chain);
            }
        } catch (IOException e) {
            throw new ChainException("cannot open the orderer's ledgers: " + e.getMessage(), e);
        }
    }

    private void registerSystemChannel(SoloChain chain) throws ChainException {
        if (systemChannelId != null) {
            chain.close();
            chain.ledger().close();
            throw new ChainException("There appear to be two system channels " + systemChannelId + " and "
                    + chain.channelId());
        }
        systemChannelId = chain.channelId();
        Block genesis = chain.ledger().block(0).orElseThrow(() -> new ChainException(
                "Error reading genesis block of system channel '" + chain.channelId() + "'"));
        LOG.info("Starting system channel '{}' with genesis block hash {} and orderer type {}", chain.channelId(),
                HexFormat.of().formatHex(BlockHashes.headerHash(genesis.getHeader())),
                OrdererConfigs.of(chain.config()).consensusType());
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
        if (systemChannelId != null) {
            throw new ChainException("system channel exists");
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
            return SoloChain.start(ledger, signer, bccsp, clock, creator);
        } catch (ChainException e) {
            ledger.close();
            throw e;
        }
    }

    public Optional<SoloChain> chain(String channelId) {
        return Optional.ofNullable(chains.get(channelId));
    }

    /**
     * The chain Broadcast hands a message for {@code channelId} to (Fabric's {@code BroadcastChannelSupport}): the
     * channel's, else the system channel's, which answers for channels that do not exist.
     */
    public Optional<SoloChain> broadcastTarget(String channelId) {
        SoloChain chain = chains.get(channelId);
        String system = systemChannelId;
        return chain != null || system == null ? Optional.ofNullable(chain) : Optional.ofNullable(chains.get(system));
    }

    /** The orderer system channel's ID, when there is one. */
    public Optional<String> systemChannel() {
        return Optional.ofNullable(systemChannelId);
    }

    /** The channels served (the system channel included), sorted. */
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

    /**
     * The channels the system channel creates, on its ordering thread: the only writer of {@link #chains} while a
     * system channel exists (joins and removals are refused then), so it takes no registry lock.
     */
    private final class SystemChannelCreations implements ChannelCreator {

        @Override
        public int channelsCount() {
            return chains.size();
        }

        @Override
        public void createChannel(Envelope configTx) throws ChainException {
            String channelId;
            try {
                channelId = ChannelConfig.fromEnvelope(configTx, bccsp).channelId();
            } catch (ChannelConfigException e) {
                throw new ChainException("Error creating ledger resources: " + e.getMessage(), e);
            }
            if (chains.containsKey(channelId)) {
                LOG.warn("Channel {} already created, skipping its creation", channelId);
                return;
            }
            OrdererLedger ledger = openEmpty(channelId);
            try {
                ledger.append(BlockWriter.genesisBlock(configTx));
            } catch (OrdererLedger.LedgerWriteException e) {
                ledger.close();
                throw new ChainException("Error appending genesis block to ledger: " + e.getMessage(), e);
            }
            SoloChain chain = start(ledger);
            chains.put(channelId, chain);
            if (closed) { // the registry closed meanwhile: nobody else will stop this one
                chains.remove(channelId);
                chain.close();
                ledger.close();
                return;
            }
            LOG.info("Created and started new channel {}", channelId);
        }
    }

    /** Stops every chain and closes its ledger. */
    @Override
    public synchronized void close() {
        closed = true;
        for (SoloChain chain : chains.values()) {
            chain.close();
            chain.ledger().close();
        }
        chains.clear();
    }
}
