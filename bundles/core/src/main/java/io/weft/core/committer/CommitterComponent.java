package io.weft.core.committer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentSkipListMap;

import org.hyperledger.fabric.protos.common.Block;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.api.channel.ChannelException;
import io.weft.api.channel.ChannelView;
import io.weft.api.channel.PeerChannels;
import io.weft.api.handler.HandlerRegistry;
import io.weft.api.identity.SigningIdentity;
import io.weft.bccsp.Bccsp;
import io.weft.bccsp.BccspException;
import io.weft.bccsp.SwOptions;
import io.weft.channelconfig.ChannelConfig;
import io.weft.channelconfig.ChannelConfigException;
import io.weft.config.PeerConfigurations;
import io.weft.core.ledger.PeerLedgers;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerException;

/**
 * One {@link BlockCommitter} per joined channel, on the open ledgers: the channel's config comes from its ledger,
 * validation plugins from the handler registry. Follows the ledgers: when they close (a backend swap), the
 * committers close with them.
 */
@Component(immediate = true, service = {}, configurationPid = PeerConfigurations.COMMITTER_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class CommitterComponent implements ChannelCommitters, PeerChannels {

    private static final Logger LOG = LoggerFactory.getLogger(CommitterComponent.class);

    /** How long a block waits for a validation plugin to come back during an in-place bundle update. */
    static final Duration PLUGIN_UPDATE_GAP = Duration.ofSeconds(10);

    /** The committer settings from {@code core.yaml}, resolved by the config bridge. */
    public @interface Config {
        /** {@code peer.validatorPoolSize} (Fabric's default: one per processor). */
        int validatorPoolSize() default 2;

        /** {@code peer.gossip.pvtData.transientstoreMaxBlockRetention}. */
        long transientstoreMaxBlockRetention() default PrivateDataSupport.DEFAULT_TRANSIENT_BLOCK_RETENTION;
    }

    private final PeerLedgers ledgers;
    private final ValidationPluginSource plugins;
    private final int poolSize;
    private final CollectionMembership membership;
    private final long transientBlockRetention;
    private final Bccsp bccsp;
    private final Map<String, BlockCommitter> committers = new ConcurrentSkipListMap<>();
    private final ServiceRegistration<?> registration;
    private final List<Consumer<BlockCommitter>> channelListeners = new CopyOnWriteArrayList<>();

    @Activate
    public CommitterComponent(BundleContext context, Config config, @Reference PeerLedgers ledgers,
            @Reference HandlerRegistry registry, @Reference SigningIdentity peer) {
        this.ledgers = ledgers;
        this.plugins = name -> registry.awaitValidator(name, PLUGIN_UPDATE_GAP);
        this.poolSize = Math.max(1, config.validatorPoolSize());
        this.membership = CollectionMembership.of(peer);
        this.transientBlockRetention = config.transientstoreMaxBlockRetention() > 0
                ? config.transientstoreMaxBlockRetention() : PrivateDataSupport.DEFAULT_TRANSIENT_BLOCK_RETENTION;
        this.bccsp = softwareBccsp();
        for (String channel : ledgers.channels()) {
            ledgers.ledger(channel).ifPresent(this::start);
        }
        registration = context.registerService(
                new String[] {ChannelCommitters.class.getName(), PeerChannels.class.getName()}, this, null);
        LOG.info("Committer: {} channel(s), {} validator thread(s) each; private data kept as a member of {}",
                committers.size(), poolSize, membership.mspId());
    }

    /** Channel MSPs verify with the software provider; they need no key store. */
    private static Bccsp softwareBccsp() {
        try {
            return Bccsp.software(SwOptions.defaults());
        } catch (BccspException e) {
            throw new IllegalStateException("the software BCCSP cannot start: " + e.getMessage(), e);
        }
    }

    private BlockCommitter start(KvLedger ledger) {
        try {
            ChannelResources resources = ChannelResources.fromLedger(ledger, bccsp);
            resources.config().requirePeerSupport();
            PrivateDataSupport privateData = new PrivateDataSupport(ledgers.transientStores().openStore(ledger.id()),
                    membership, transientBlockRetention);
            BlockCommitter committer = new BlockCommitter(resources, ledger, plugins, poolSize, privateData);
            committers.put(ledger.id(), committer);
            return committer;
        } catch (ChannelConfigException | IOException | RuntimeException e) {
            LOG.error("[{}] Cannot commit blocks on this channel: {}", ledger.id(), e.getMessage(), e);
            return null;
        }
    }

    @Override
    public Optional<BlockCommitter> committer(String channel) {
        return Optional.ofNullable(committers.get(channel));
    }

    @Override
    public List<String> channels() {
        return new ArrayList<>(committers.keySet());
    }

    @Override
    public synchronized AutoCloseable onChannel(Consumer<BlockCommitter> listener) {
        channelListeners.add(listener);
        committers.values().forEach(listener);
        return () -> channelListeners.remove(listener);
    }

    @Override
    public synchronized BlockCommitter joinChannel(Block genesis) throws IOException, ChannelConfigException {
        ChannelConfig config = ChannelConfig.fromBlock(genesis, bccsp);
        config.requirePeerSupport(); // before anything is written
        KvLedger ledger = ledgers.create(genesis);
        BlockCommitter committer = start(ledger);
        if (committer == null) {
            throw new ChannelConfigException("[channel " + ledger.id() + "] joined, but its committer did not start");
        }
        LOG.info("[{}] Joined the channel; committer started", ledger.id());
        channelListeners.forEach(l -> l.accept(committer));
        return committer;
    }

    @Override
    public Optional<ChannelView> channel(String channelId) {
        BlockCommitter committer = committers.get(channelId);
        if (committer == null) {
            return Optional.empty();
        }
        return ledgers.ledger(channelId).map(l -> new LedgerChannelView(l, committer.channel()));
    }

    @Override
    public void join(Block genesis) throws ChannelException {
        try {
            joinChannel(genesis);
        } catch (IOException | ChannelConfigException | LedgerException e) {
            throw new ChannelException(e.getMessage(), e);
        }
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        committers.values().forEach(BlockCommitter::close);
        committers.clear();
    }
}
