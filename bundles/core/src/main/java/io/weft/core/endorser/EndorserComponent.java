package io.weft.core.endorser;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import com.google.protobuf.ByteString;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.weft.api.chaincode.PackageException;
import io.weft.api.handler.HandlerRegistry;
import io.weft.api.identity.SigningIdentity;
import io.weft.api.node.GrpcServices;
import io.weft.api.scc.SystemChaincode;
import io.weft.core.chaincode.ChaincodeException;
import io.weft.core.chaincode.ChaincodeSupport;
import io.weft.core.chaincode.LocalPackages;
import io.weft.core.committer.BlockCommitter;
import io.weft.core.committer.ChannelCommitters;
import io.weft.core.ledger.PeerLedgers;
import io.weft.ledger.KvLedger;
import io.weft.ledger.history.HistoryQueryExecutor;
import io.weft.ledger.txmgr.TxSimulator;
import io.weft.msp.LocalMsp;

/**
 * Contributes {@code protos.Endorser} to the peer's gRPC server ({@code peer.limits.concurrency.endorserService}
 * applies there). The channels and ledgers are followed live: while the ledgers are closed the endorser still answers,
 * channel proposals with {@code channel '<ch>' not found}. System chaincodes are found by {@code weft.scc.name}, the
 * highest {@code service.ranking} winning.
 */
@Component(immediate = true, service = BindableService.class,
        property = { GrpcServices.SERVER + "=" + GrpcServices.PEER, GrpcServices.NON_BLOCKING + ":Boolean=true" })
public final class EndorserComponent implements BindableService {

    private record Scc(String name, int ranking, long serviceId, SystemChaincode chaincode) {
    }

    private static final Comparator<Scc> BEST = Comparator.comparingInt(Scc::ranking)
            .thenComparing(Comparator.comparingLong(Scc::serviceId).reversed());

    private final Map<Long, Scc> sccs = new ConcurrentHashMap<>();

    /** A channel's lifecycle cache and the committer whose block events clear it (a committer swap makes a new one). */
    private record CacheBinding(BlockCommitter committer, LifecycleInfoCache cache, AutoCloseable subscription) {
    }

    private final Map<String, CacheBinding> lifecycleCaches = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChannelCommitters committers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PeerLedgers ledgers;

    private volatile ChaincodeSupport chaincodes;
    private final Endorser endorser;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LocalPackages packages;

    private final EndorserService service;

    @Activate
    public EndorserComponent(@Reference HandlerRegistry registry, @Reference LocalMsp localMsp,
            @Reference SigningIdentity signer) {
        this.endorser = new Endorser(registry, this::channel, localMsp.msp(), signer, this::scc,
                new Endorser.UserChaincodes() {
                    @Override
                    public CompletableFuture<ChaincodeMessage> execute(String channelId, String txId,
                            Endorser.ChaincodeTarget target, ChaincodeInput input, SignedProposal proposal,
                            TxSimulator simulator) {
                        return executeChaincode(channelId, txId, target, input, proposal, simulator);
                    }

                    @Override
                    public boolean isInstalled(String packageId) {
                        LocalPackages p = packages;
                        return p != null && p.isInstalled(packageId);
                    }

                    @Override
                    public boolean userRunsChaincodes() {
                        LocalPackages p = packages;
                        return p == null || p.userRunsChaincodes();
                    }

                    @Override
                    public void checkLegacyPackage(ByteString chaincodeData) {
                        LocalPackages p = packages;
                        if (p == null || p.userRunsChaincodes()) {
                            return; // dev mode: the user runs name:version without installing it
                        }
                        try {
                            p.checkLegacy(chaincodeData);
                        } catch (PackageException e) {
                            throw new ChaincodeException(e.getMessage());
                        }
                    }
                });
        this.service = new EndorserService(endorser);
    }

    /** Chaincode support, which the endorser serves chaincode-to-chaincode calls for while it is bound. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindChaincodes")
    void bindChaincodes(ChaincodeSupport support) {
        chaincodes = support;
        support.invokeWith((callerChannel, targetChannel, txId, name, input, proposal, simulator, history) -> endorser
                .invokeFromChaincode(callerChannel, targetChannel, txId, name, input, proposal, simulator));
    }

    void unbindChaincodes(ChaincodeSupport support) {
        support.invokeWith(null);
        if (chaincodes == support) {
            chaincodes = null;
        }
    }

    private CompletableFuture<ChaincodeMessage> executeChaincode(String channelId, String txId,
            Endorser.ChaincodeTarget target, ChaincodeInput input, SignedProposal proposal, TxSimulator simulator) {
        ChaincodeSupport support = chaincodes;
        if (support == null) {
            return CompletableFuture.failedFuture(new ChaincodeException(ChaincodeSupport.notRunning(target.name())));
        }
        PeerLedgers l = ledgers;
        HistoryQueryExecutor history = l == null ? null
                : l.ledger(channelId).flatMap(KvLedger::newHistoryQueryExecutor).orElse(null);
        return support.executeAsync(target.init() ? ChaincodeMessage.Type.INIT : ChaincodeMessage.Type.TRANSACTION,
                channelId, txId, target.name(), target.chaincodeId(), input, proposal, simulator, history,
                support.executeTimeoutMillis());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindScc", updated = "updatedScc")
    void bindScc(SystemChaincode chaincode, Map<String, Object> properties) {
        Object name = properties.get(SystemChaincode.NAME_PROPERTY);
        if (!(name instanceof String s) || s.isEmpty()) {
            return;
        }
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        long id = ((Number) properties.get(Constants.SERVICE_ID)).longValue();
        sccs.put(id, new Scc(s, ranking instanceof Integer r ? r : 0, id, chaincode));
    }

    void updatedScc(SystemChaincode chaincode, Map<String, Object> properties) {
        unbindScc(chaincode, properties);
        bindScc(chaincode, properties);
    }

    void unbindScc(SystemChaincode chaincode, Map<String, Object> properties) {
        sccs.remove(((Number) properties.get(Constants.SERVICE_ID)).longValue());
    }

    private Optional<SystemChaincode> scc(String name) {
        return sccs.values().stream().filter(s -> s.name().equals(name)).max(BEST).map(Scc::chaincode);
    }

    private Optional<EndorserChannel> channel(String channelId) {
        ChannelCommitters c = committers;
        PeerLedgers l = ledgers;
        if (c == null || l == null) {
            return Optional.empty();
        }
        Optional<BlockCommitter> committer = c.committer(channelId);
        Optional<KvLedger> ledger = l.ledger(channelId);
        if (committer.isEmpty() || ledger.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EndorserChannel(committer.get().channel().config(), ledger.get(),
                l.transientStores().openStore(channelId), lifecycleCache(channelId, committer.get())));
    }

    private LifecycleInfoCache lifecycleCache(String channelId, BlockCommitter committer) {
        CacheBinding binding = lifecycleCaches.get(channelId);
        if (binding == null || binding.committer() != committer) {
            binding = lifecycleCaches.compute(channelId, (id, old) -> {
                if (old != null && old.committer() == committer) {
                    return old;
                }
                if (old != null) {
                    close(old);
                }
                LifecycleInfoCache cache = new LifecycleInfoCache();
                return new CacheBinding(committer, cache, committer.subscribe(block -> cache.blockCommitted()));
            });
        }
        return binding.cache();
    }

    @Deactivate
    void deactivate() {
        lifecycleCaches.values().forEach(EndorserComponent::close);
        lifecycleCaches.clear();
    }

    private static void close(CacheBinding binding) {
        try {
            binding.subscription().close();
        } catch (Exception e) {
            // a committer's subscription only removes a listener from a set
        }
    }

    @Override
    public ServerServiceDefinition bindService() {
        return service.bindService();
    }
}
