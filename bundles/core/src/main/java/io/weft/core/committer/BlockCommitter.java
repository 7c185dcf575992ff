package io.weft.core.committer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.weft.api.handler.ValidationPlugin;
import io.weft.channelconfig.ChannelConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;

import io.weft.ledger.BlockAndPvtData;
import io.weft.channelconfig.ApplicationConfig;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerException;
import io.weft.ledger.txmgr.ValidWriteSets;
import io.weft.ledger.validation.CommitHash;
import io.weft.ledger.validation.MvccValidator;

/**
 * One channel's block pipeline: verify the block, check its transactions in parallel (structure, creator, txid,
 * ledger duplicates, then the validation plugins each written namespace's definition names, or the config checks),
 * resolve the in-block dependencies in block order (key-level policies, duplicate txids, MVCC), write the
 * TRANSACTIONS_FILTER and the chained COMMIT_HASH into the block's metadata, gather the private data the peer holds
 * for its valid transactions, commit it, purge the transient store, install a new channel config, and tell
 * subscribers. Blocks are committed one at a time; a block that fails verification or cannot be decided
 * leaves the ledger untouched.
 */
public final class BlockCommitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockCommitter.class);

    /** Slots an orderer writes; Fabric's {@code InitBlockMetadata} pads a block to this many. */
    private static final int METADATA_SLOTS = BlockMetadataIndex.COMMIT_HASH_VALUE + 1;

    private final String channelId;
    private final KvLedger ledger;
    private final ChannelResources channel;
    private final BlockVerifier verifier;
    private final TxValidationStage stage;
    private final ValidationPluginSource pluginSource;
    private final ChannelValidationContext context;
    private final PluginDispatcher dispatcher;
    private final LegacyTxDispatcher legacyDispatcher;
    private final ApplicationPolicies policies;
    private final PvtDataCoordinator pvtData; // null: no private data
    private final ConcurrentMap<Long, ValidationPlugin> pluginInstances = new ConcurrentHashMap<>();
    private final List<Consumer<CommittedBlock>> listeners = new CopyOnWriteArrayList<>();
    private byte[] commitHash; // of the last committed block; empty when the chain has none
    private final Map<String, String> lastPluginVersions = new HashMap<>(); // for logging changes between blocks

    /**
     * A committer of blocks and their private data.
     *
     * @param validatorPoolSize {@code peer.validatorPoolSize}: threads checking a block's transactions
     * @param privateData       where the channel's private data comes from and which the peer keeps
     * @throws IOException when the last block cannot be read for its commit hash
     */
    public BlockCommitter(ChannelResources channel, KvLedger ledger, ValidationPluginSource plugins,
            int validatorPoolSize, PrivateDataSupport privateData) throws IOException {
        this(channel, ledger, plugins, validatorPoolSize,
                new PvtDataCoordinator(channel, Objects.requireNonNull(privateData, "privateData")));
    }

    /**
     * A committer that commits no private data and records none missing, for tools and tests whose blocks have
     * none: a peer's committer is made with {@link PrivateDataSupport}.
     *
     * @param validatorPoolSize {@code peer.validatorPoolSize}: threads checking a block's transactions
     * @throws IOException when the last block cannot be read for its commit hash
     */
    public BlockCommitter(ChannelResources channel, KvLedger ledger, ValidationPluginSource plugins,
            int validatorPoolSize) throws IOException {
        this(channel, ledger, plugins, validatorPoolSize, (PvtDataCoordinator) null);
    }

    private BlockCommitter(ChannelResources channel, KvLedger ledger, ValidationPluginSource plugins,
            int validatorPoolSize, PvtDataCoordinator pvtData) throws IOException {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.channelId = channel.channelId();
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.pluginSource = Objects.requireNonNull(plugins, "plugins");
        this.verifier = new BlockVerifier(channelId, () -> channel.config().policyManager());
        // a transaction naming another channel is judged by no MSP: every peer of this channel agrees on that,
        // whichever other channels it has joined
        ChannelDeserializers ownChannelOnly = id -> id.equals(channelId)
                ? Optional.of(channel.config().deserializer()) : Optional.empty();
        TxChecker checker = new TxChecker(ownChannelOnly, ledger.blocks()::txExists);
        this.stage = new TxValidationStage(channel, checker, validatorPoolSize);
        ApplicationPolicies policies = new ApplicationPolicies(channel);
        this.context = new ChannelValidationContext(channelId, policies);
        this.policies = policies;
        this.dispatcher = new PluginDispatcher(channelId);
        this.legacyDispatcher = new LegacyTxDispatcher(dispatcher, new LsccInvocationChecks(channel::config));
        this.commitHash = lastCommitHash(ledger);
        this.pvtData = pvtData;
    }

    public String channelId() {
        return channelId;
    }

    /** The channel's current configuration. */
    public ChannelResources channel() {
        return channel;
    }

    /** The ledger this committer commits to, where committed blocks are read. */
    public KvLedger ledger() {
        return ledger;
    }

    /** The channel's ledger height: the number of the next block to commit. */
    public long height() {
        return ledger.height();
    }

    /** Calls {@code listener} after each commit, on the committing thread: it must not block. */
    public AutoCloseable subscribe(Consumer<CommittedBlock> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /**
     * Validates and commits the next block of the channel.
     *
     * @return the block as committed, its metadata carrying the validation codes and the commit hash
     * @throws BlockVerificationException when the block is refused (nothing is written)
     * @throws ValidationHaltedException when the block cannot be decided now (nothing is written; retry it)
     */
    public synchronized CommittedBlock commit(Block block)
            throws BlockVerificationException, ValidationHaltedException, IOException {
        BlockchainInfo info = ledger.info();
        byte[] previousHash = info.getHeight() == 0 ? null : info.getCurrentBlockHash().toByteArray();
        verifier.verifyExceptEntries(block, info.getHeight(), previousHash); // entries: on the validator threads
        long number = block.getHeader().getNumber();

        try (BlockPlugins plugins = new BlockPlugins(pluginSource, context, pluginInstances)) {
            List<ValidatedTx> txs = validate(block, plugins);
            KeyLevelDependencies.apply(number, txs);
            TxValidationCode[] codes = new TxValidationCode[txs.size()];
            List<String> dupKeys = new ArrayList<>(txs.size());
            for (int i = 0; i < codes.length; i++) {
                codes[i] = txs.get(i).code();
                dupKeys.add(txs.get(i).dupKey());
            }
            TxChecker.markDuplicates(dupKeys, codes);

            List<MvccValidator.Tx> mvccTxs = new ArrayList<>();
            for (int i = 0; i < codes.length; i++) {
                ValidatedTx tx = txs.get(i).withCode(codes[i]);
                txs.set(i, tx);
                if (tx.appliesWrites()) {
                    mvccTxs.add(new MvccValidator.Tx(i, TxValidationCode.VALID, tx.rwset()));
                }
            }
            MvccValidator.Result mvcc = ledger.mvccValidator().validateAndPrepare(number, mvccTxs);
            List<ValidWriteSets.Entry> entries = new ArrayList<>(mvccTxs.size());
            for (int j = 0; j < mvccTxs.size(); j++) {
                int i = mvccTxs.get(j).indexInBlock();
                codes[i] = mvcc.codes().get(j);
                if (codes[i] == TxValidationCode.VALID) {
                    entries.add(new ValidWriteSets.Entry(i, mvccTxs.get(j).rwset()));
                }
            }

            ByteString filter = filter(codes);
            byte[] nextHash = null;
            BlockMetadata.Builder md = padded(block.getMetadata())
                    .setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, filter);
            if (CommitHash.isComputed(number, commitHash)) {
                nextHash = CommitHash.compute(filter, CommitHash.updateBytes(mvcc.updates()), commitHash);
                md.setMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE, CommitHash.metadata(nextHash));
            }
            Block validated = block.toBuilder().setMetadata(md).build();
            List<String> txIds = new ArrayList<>(txs.size());
            txs.forEach(t -> txIds.add(t.txId()));
            PvtDataCoordinator.BlockPvtData pvt = pvtData == null ? PvtDataCoordinator.BlockPvtData.NONE
                    : pvtData.collect(txs, codes, ledger::newQueryExecutorNoCollChecks);
            ledger.commit(new BlockAndPvtData(validated, pvt.pvtData(), pvt.missing()),
                    new ValidWriteSets(number, txs.size(), txIds, entries), mvcc.updates());
            if (nextHash != null) {
                commitHash = nextHash;
            }
            if (pvtData != null) {
                pvtData.purge(number, pvt.purgeTxIds());
            }
            installConfig(txs, codes);
            plugins.retainUsedInstances();
            CommittedBlock committed = new CommittedBlock(channelId, validated, List.of(codes), plugins.versions());
            logPluginChanges(committed);
            notifyListeners(committed);
            return committed;
        }
    }

    private List<ValidatedTx> validate(Block block, BlockPlugins plugins)
            throws BlockVerificationException, ValidationHaltedException {
        context.beginBlock(ledger.newQueryExecutorNoCollChecks());
        try {
            BlockDefinitions definitions = new BlockDefinitions(context.stateReader(), policies);
            // as Fabric 2.5's validation router: the v1.4 rules until the channel has the V2_0 capability
            Optional<ApplicationConfig> application = channel.config().application()
                    .filter(a -> !a.capabilities().lifecycleV20());
            if (application.isPresent()) {
                return stage.validate(block, (position, tx) -> legacyDispatcher.dispatch(block, position, tx, plugins,
                        context.stateReader(), application.get()));
            }
            return stage.validate(block, (position, tx) -> dispatcher.dispatch(block, position, tx, plugins, definitions));
        } finally {
            context.endBlock(); // before the commit, which waits for readers of the state
        }
    }

    private void installConfig(List<ValidatedTx> txs, TxValidationCode[] codes) {
        for (int i = 0; i < codes.length; i++) {
            ChannelConfig next = txs.get(i).nextConfig();
            if (codes[i] == TxValidationCode.VALID && next != null) {
                channel.install(next);
                LOG.info("[{}] channel config at sequence {} installed", channelId, next.sequence());
            }
        }
    }

    /** A validation plugin swap shows in the log at the block where it took effect, with both versions. */
    private void logPluginChanges(CommittedBlock committed) {
        committed.validationPlugins().forEach((name, version) -> {
            String before = lastPluginVersions.put(name, version);
            if (!version.equals(before)) {
                LOG.info("[{}] Block [{}] validated with plugin {} = {} (before: {})", channelId, committed.number(), name,
                        version, before == null ? "none this run" : before);
            }
        });
    }

    private void notifyListeners(CommittedBlock committed) {
        for (Consumer<CommittedBlock> l : listeners) {
            try {
                l.accept(committed);
            } catch (RuntimeException e) {
                LOG.warn("[{}] block event subscriber failed on block {}", channelId, committed.number(), e);
            }
        }
    }

    /** The commit hash of the last committed block, empty when the chain carries none. */
    public synchronized byte[] commitHash() {
        return commitHash.clone();
    }

    private static ByteString filter(TxValidationCode[] codes) {
        byte[] flags = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            flags[i] = (byte) codes[i].getNumber();
        }
        return UnsafeByteOperations.unsafeWrap(flags);
    }

    private static BlockMetadata.Builder padded(BlockMetadata md) {
        BlockMetadata.Builder b = md.toBuilder();
        while (b.getMetadataCount() < METADATA_SLOTS) {
            b.addMetadata(ByteString.EMPTY);
        }
        return b;
    }

    /** Fabric's {@code lastPersistedCommitHash}: from the last block's COMMIT_HASH slot, if it has one. */
    private static byte[] lastCommitHash(KvLedger ledger) throws IOException {
        long height = ledger.height();
        if (height == 0) {
            return new byte[0];
        }
        Block last = ledger.blocks().blockByNumber(height - 1)
                .orElseThrow(() -> new LedgerException("block [" + (height - 1) + "] is below the height but missing"));
        if (last.getMetadata().getMetadataCount() < METADATA_SLOTS) {
            return new byte[0];
        }
        try {
            return Metadata.parseFrom(last.getMetadata().getMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE)).getValue()
                    .toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("error unmarshalling last persisted commit hash: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stage.close();
    }
}
