package io.weft.core.endorser;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeCall;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeData;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInterest;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.transientstore.TxPvtReadWriteSetWithConfigInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;

import io.weft.acl.AclException;
import io.weft.acl.AclProvider;
import io.weft.acl.DefaultAcls;
import io.weft.api.handler.AuthFilter;
import io.weft.api.handler.Decorator;
import io.weft.api.handler.EndorsementContext;
import io.weft.api.handler.EndorsementException;
import io.weft.api.handler.EndorsementPlugin;
import io.weft.api.handler.EndorsementPluginFactory;
import io.weft.api.handler.HandlerChain;
import io.weft.api.handler.HandlerHandle;
import io.weft.api.handler.HandlerRegistry;
import io.weft.api.handler.ProposalContext;
import io.weft.api.identity.SigningIdentity;
import io.weft.api.scc.AccessDeniedException;
import io.weft.api.scc.SccInvocation;
import io.weft.api.scc.SccState;
import io.weft.api.scc.SystemChaincode;
import io.weft.comm.Blocking;
import io.weft.channelconfig.ApplicationConfig;
import io.weft.channelconfig.ChannelConfig;
import io.weft.lifecycle.ChaincodeDefinition;
import io.weft.lifecycle.LegacyLifecycle;
import io.weft.lifecycle.LifecycleState;
import io.weft.lifecycle.LifecycleStateException;
import io.weft.lifecycle.OrgApprovals;
import io.weft.lifecycle.StateReader;
import io.weft.msp.Identity;
import io.weft.msp.Msp;
import io.weft.policies.CompiledSignaturePolicy;
import io.weft.policies.PolicyException;
import io.weft.protoutil.SignedData;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.ledger.txmgr.SimulationResults;
import io.weft.core.chaincode.ChaincodeException;
import io.weft.core.chaincode.ChaincodeSupport;
import io.weft.core.chaincode.Handler;
import io.weft.core.ledger.LedgerSccState;
import io.weft.ledger.txmgr.TxSimulator;

/**
 * Fabric's endorser ({@code ProcessProposal}), for system chaincodes: the auth filters around unpacking, validation
 * against the channel's MSPs (the local MSP without a channel), the duplicate-txid and {@code peer/Propose} checks,
 * the system chaincode's invocation with the decorated input, and the proposal response, endorsed by the
 * {@code escc} plugin when the status and channel call for it. Chaincodes that are not system chaincodes run through
 * {@link UserChaincodes} (chaincode support, dev mode) with the proposal's simulator. Thread-safe; never blocks beyond the ledger reads and the plugins' own work.
 */
public final class Endorser {

    private static final Logger LOG = LoggerFactory.getLogger("io.weft.core.endorser");

    /** The system chaincodes Fabric builds in; they are system chaincodes even while no bundle provides them. */
    static final Set<String> BUILTIN_SCCS = Set.of("_lifecycle", "cscc", "qscc", "lscc");

    /** The endorsement plugin of every system chaincode. */
    static final String ESCC = "escc";

    /** The peer's joined channels, live. */
    @FunctionalInterface
    public interface Channels {
        /** The channel, if the peer has joined it and its ledger is open now. */
        Optional<EndorserChannel> channel(String channelId);
    }

    /** The system chaincodes bundles provide, live. */
    @FunctionalInterface
    public interface SystemChaincodes {
        /** The highest-ranked system chaincode registered as {@code name}. */
        Optional<SystemChaincode> get(String name);
    }

    /**
     * A chaincode to run: its name (the namespace it simulates in) and the ID it runs as — the package ID its
     * definition was approved with by this org, or {@code name:version} when the user runs it (dev mode) or for
     * legacy ({@code lscc}) chaincodes.
     */
    public record ChaincodeTarget(String name, String chaincodeId, boolean init) {
    }

    /** Fabric's {@code InitializedKeyName}: the version a chaincode was initialized at, in its own namespace. */
    static final String INITIALIZED_KEY = "\u0000" + new String(Character.toChars(Character.MAX_CODE_POINT))
            + "initialized";

    /** Chaincodes that are not system chaincodes, run through chaincode support. */
    public interface UserChaincodes {
        /**
         * Runs the chaincode with the proposal's simulator, launching it first when it is installed and not running;
         * no thread waits for the chaincode.
         *
         * @return completes with the chaincode's COMPLETED or ERROR message, or fails with a
         *         {@link ChaincodeException}: it could not be launched, timed out or its stream ended
         */
        CompletableFuture<ChaincodeMessage> execute(String channelId, String txId, ChaincodeTarget target,
                ChaincodeInput input, SignedProposal proposal, TxSimulator simulator);

        /** {@link #execute}, waiting for the answer (a chaincode's call into another, a legacy deploy's Init). */
        default ChaincodeMessage executeAndWait(String channelId, String txId, ChaincodeTarget target,
                ChaincodeInput input, SignedProposal proposal, TxSimulator simulator) {
            return Handler.await(execute(channelId, txId, target, input, proposal, simulator));
        }

        /** Whether the package is installed on this peer. */
        default boolean isInstalled(String packageId) {
            return false;
        }

        /**
         * Whether users start chaincodes themselves ({@code chaincode.mode: dev}): an approved definition without an
         * installed package then runs as {@code name:version}.
         */
        default boolean userRunsChaincodes() {
            return true;
        }

        /**
         * Fabric's security check of a legacy chaincode before it endorses: the package installed as
         * {@code name:version} matches the fingerprint lscc recorded, and its instantiation policy (a signed package's)
         * is the recorded one.
         *
         * @param chaincodeData lscc's marshalled {@code ChaincodeData}
         * @throws ChaincodeException Fabric's reason
         */
        default void checkLegacyPackage(ByteString chaincodeData) {
        }
    }

    /** No chaincode is ever running. */
    static final UserChaincodes NO_CHAINCODES = (ch, tx, cc, input, proposal, simulator) -> CompletableFuture
            .failedFuture(new ChaincodeException(ChaincodeSupport.notRunning(cc.name())));

    private record PluginKey(String alias, String channel, long serviceId) {
    }

    private final HandlerRegistry registry;
    private final Channels channels;
    private final Msp localMsp;
    private final AclProvider acl;
    private final SigningIdentity signer;
    private final SystemChaincodes sccs;
    private final UserChaincodes chaincodes;
    private final LegacyInit legacyInit;
    private final Map<PluginKey, EndorsementPlugin> plugins = new ConcurrentHashMap<>();

    public Endorser(HandlerRegistry registry, Channels channels, Msp localMsp, SigningIdentity signer,
            SystemChaincodes sccs) {
        this(registry, channels, localMsp, signer, sccs, NO_CHAINCODES);
    }

    public Endorser(HandlerRegistry registry, Channels channels, Msp localMsp, SigningIdentity signer,
            SystemChaincodes sccs, UserChaincodes chaincodes) {
        this.chaincodes = requireNonNull(chaincodes, "chaincodes");
        this.legacyInit = new LegacyInit(this::isSystemChaincode, chaincodes);
        this.registry = requireNonNull(registry, "registry");
        this.channels = requireNonNull(channels, "channels");
        this.localMsp = requireNonNull(localMsp, "localMsp");
        this.acl = new AclProvider(localMsp);
        this.signer = requireNonNull(signer, "signer");
        this.sccs = requireNonNull(sccs, "sccs");
    }

    /**
     * Processes one proposal: the configured auth filters, in order, then the endorser. The stage fails (the client
     * gets a gRPC error) when a filter rejects or the proposal is refused before simulation ({@link ProposalException});
     * every later failure is a response with status 500.
     */
    public CompletionStage<ProposalResponse> process(ProposalContext context, SignedProposal proposal) {
        HandlerChain<AuthFilter> filters;
        try {
            filters = registry.authFilters();
        } catch (RuntimeException e) {
            LOG.warn("Proposal from {} refused: {}", context.remoteAddress(), e.getMessage());
            return CompletableFuture.failedFuture(new ProposalException(e.getMessage(), e));
        }
        CompletionStage<ProposalResponse> result = filter(filters, 0, context, proposal);
        return result.whenComplete((r, t) -> filters.close());
    }

    private CompletionStage<ProposalResponse> filter(HandlerChain<AuthFilter> filters, int index, ProposalContext context,
            SignedProposal proposal) {
        try {
            if (index == filters.size()) {
                return endorse(proposal);
            }
            CompletionStage<ProposalResponse> next = filters.get(index).filter(context, proposal,
                    p -> filter(filters, index + 1, context, p));
            if (next == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("auth filter "
                        + filters.handles().get(index).name() + " returned no result"));
            }
            return next;
        } catch (ProposalException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The message a failed {@link #process} stage carries to the client. */
    static String failureMessage(Throwable t) {
        Throwable cause = Handler.cause(t);
        String message = cause.getMessage();
        return message == null ? cause.toString() : message;
    }

    /** Whether {@code name} is a system chaincode: built in, or provided by a bundle. */
    boolean isSystemChaincode(String name) {
        return BUILTIN_SCCS.contains(name) || sccs.get(name).isPresent();
    }

    /**
     * The endorser behind the filters (Fabric's steps 1 to 13).
     *
     * @throws ProposalException the proposal is refused before simulation
     */
    CompletionStage<ProposalResponse> endorse(SignedProposal signed) throws ProposalException {
        UnpackedProposal up = UnpackedProposal.unpack(signed);
        String channelId = up.channelId();
        EndorserChannel channel = null;
        if (!channelId.isEmpty()) {
            channel = channels.channel(channelId).orElse(null);
            if (channel == null) {
                return CompletableFuture.completedFuture(failure("channel '" + channelId + "' not found"));
            }
        }
        // one config for the creator's checks and the ACL, so the ACL may rely on the signature verified here
        ChannelConfig config = channel == null ? null : channel.config();
        Identity creator;
        try {
            creator = ProposalValidator.validate(up, config == null ? localMsp : config.deserializer());
        } catch (ProposalException e) {
            throw new ProposalException("error validating proposal: " + e.getMessage(), e);
        }
        boolean system = isSystemChaincode(up.chaincodeName());
        if (channel != null) {
            boolean duplicate;
            try {
                duplicate = channel.ledger().blocks().txExists(up.txId());
            } catch (RuntimeException e) {
                // Fabric treats a failed lookup as "not found"; the simulation below meets the same ledger
                LOG.warn("Looking up txid {} on channel {} failed: {}", up.txId(), channelId, e.getMessage());
                duplicate = false;
            }
            if (duplicate) {
                throw new ProposalException("duplicate transaction found [" + up.txId() + "]. Creator ["
                        + HexFormat.of().formatHex(up.signatureHeader().getCreator().toByteArray()) + "]");
            }
            if (!system) {
                try {
                    acl.checkAcl("peer/Propose", config, signedData(up), creator);
                } catch (AclException e) {
                    throw new ProposalException(e.getMessage(), e);
                }
            }
        }
        return execute(up, channel, system).exceptionally(t -> {
            Throwable e = Handler.cause(t);
            if (e instanceof Failure) {
                LOG.warn("Failed to invoke chaincode: channel [{}] chaincode {} txid {}: {}", channelId,
                        up.chaincodeName(), up.txId(), e.getMessage());
                return failure(e.getMessage());
            }
            LOG.warn("Failed to invoke chaincode: channel [{}] chaincode {} txid {}", channelId, up.chaincodeName(),
                    up.txId(), e);
            return failure(failureMessage(e));
        });
    }

    /** A processing failure: status 500 with the message, no gRPC error. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** What the chaincode answered: its response and, below status 400, its event as the peer completes it. */
    private record Simulated(Response response, ChaincodeEvent event) {
    }

    /** The chaincode's version and endorsement plugin, and for a user chaincode what runs it. */
    private record Endorsing(String version, String plugin, EndorsementInfo info) {
        static final Endorsing SYSTEM = new Endorsing(SystemChaincode.VERSION, ESCC, null);
    }

    /**
     * Simulation and endorsement (Fabric's steps 9 to 13). A user chaincode's answer is awaited by no thread: the
     * response is built and endorsed on the thread that receives it. A system chaincode runs here, marked
     * {@link Blocking} (a join or an install may take long). Every failure is a status 500 response.
     */
    private CompletableFuture<ProposalResponse> execute(UnpackedProposal up, EndorserChannel channel, boolean system) {
        String cc = up.chaincodeName();
        TxSimulator simulator;
        try {
            simulator = channel != null && !"qscc".equals(cc) && !"cscc".equals(cc)
                    ? channel.ledger().newTxSimulator(up.txId()) : null;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ProposalResponse> response;
        try {
            Endorsing endorsing = system ? Endorsing.SYSTEM : endorsing(channel, cc, simulator);
            ChaincodeInput input = decorate(up);
            CompletableFuture<Simulated> simulated = system
                    ? CompletableFuture.completedFuture(Blocking.call(() -> simulateSystem(up, input, simulator)))
                    : simulateUser(up, endorsing.info(), input, simulator);
            response = simulated.thenApply(s -> respond(up, channel, simulator, endorsing, s));
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return simulator == null ? response : response.whenComplete((r, t) -> simulator.done());
    }

    private Endorsing endorsing(EndorserChannel channel, String cc, TxSimulator simulator) {
        EndorsementInfo info;
        try {
            info = endorsementInfo(channel, cc, simulator);
        } catch (Failure e) {
            throw new Failure("make sure the chaincode " + cc + " has been successfully defined on channel "
                    + channel.config().channelId() + " and try again: " + e.getMessage());
        }
        return new Endorsing(info.version(), info.plugin(), info);
    }

    private Simulated simulateSystem(UnpackedProposal up, ChaincodeInput input, TxSimulator simulator) {
        String cc = up.chaincodeName();
        Invocation invocation = new Invocation(up, input.getArgsList(), simulator == null ? null
                : new LedgerSccState(simulator, cc), false);
        Response response = invoke(up, invocation);
        ChaincodeEvent event = null;
        if (invocation.event != null && response.getStatus() < 400) {
            event = invocation.event.toBuilder().setChaincodeId(cc).setTxId(up.txId()).build();
        }
        if (response.getStatus() < 400 && LegacyInit.isDeployOrUpgrade(cc, input)) {
            try {
                legacyInit.run(up, input, simulator);
            } catch (ChaincodeException e) {
                throw new Failure("error in simulation: " + e.getMessage());
            }
        }
        return new Simulated(response, event);
    }

    private CompletableFuture<Simulated> simulateUser(UnpackedProposal up, EndorsementInfo info, ChaincodeInput input,
            TxSimulator simulator) {
        String cc = up.chaincodeName();
        ChaincodeTarget target;
        try {
            target = checkInvocation(cc, info, input, simulator);
        } catch (ChaincodeException e) {
            throw new Failure("error in simulation: " + e.getMessage());
        }
        return chaincodes.execute(up.channelId(), up.txId(), target, input, up.signedProposal(), simulator)
                .handle((answer, t) -> {
                    Response response;
                    try {
                        if (t != null) {
                            throw Handler.cause(t) instanceof RuntimeException e ? e : new CompletionException(t);
                        }
                        response = ChaincodeSupport.response(answer, up.txId());
                    } catch (ChaincodeException e) {
                        throw new Failure("error in simulation: " + e.getMessage());
                    }
                    // as Fabric: the event only below status 400, its chaincode ID and txid set by the peer
                    ChaincodeEvent event = answer.hasChaincodeEvent() && response.getStatus() < 400
                            ? answer.getChaincodeEvent().toBuilder().setChaincodeId(cc).setTxId(up.txId()).build()
                            : null;
                    return new Simulated(response, event);
                });
    }

    /** The proposal response for what the chaincode answered: results, private data hand-off, endorsement. */
    private ProposalResponse respond(UnpackedProposal up, EndorserChannel channel, TxSimulator simulator,
            Endorsing endorsing, Simulated simulated) {
        String cc = up.chaincodeName();
        Response response = simulated.response();
        ByteString results = ByteString.EMPTY;
        ChaincodeInterest interest = null;
        if (simulator != null) {
            SimulationResults simulation;
            try {
                simulation = simulator.getTxSimulationResults();
            } catch (RuntimeException e) {
                throw new Failure("error in simulation: " + failureMessage(e));
            } finally {
                simulator.done();
            }
            if (simulation.containsPvtWrites()) {
                // the transient store syncs its write
                Blocking.call(() -> {
                    distributePrivateData(up, channel, simulation);
                    return null;
                });
            }
            results = simulation.pubBytes();
            interest = interest(simulation);
        }
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder().setResults(results).setResponse(response)
                .setChaincodeId(ChaincodeID.newBuilder().setName(cc).setVersion(endorsing.version()));
        if (simulated.event() != null) {
            action.setEvents(simulated.event().toByteString());
        }
        ByteString prp = ProposalResponsePayload.newBuilder().setProposalHash(up.proposalHash())
                .setExtension(action.build().toByteString())
                .build().toByteString();
        if (response.getStatus() >= 500) {
            ProposalResponse.Builder b = ProposalResponse.newBuilder().setResponse(response).setPayload(prp);
            if (interest != null) {
                b.setInterest(interest);
            }
            return b.build();
        }
        if (channel == null || response.getStatus() >= 400) {
            return ProposalResponse.newBuilder().setResponse(response).build();
        }
        EndorsementPlugin.Result endorsed = endorseWith(endorsing.plugin(), up, prp);
        ProposalResponse.Builder b = ProposalResponse.newBuilder().setVersion(1)
                .setEndorsement(endorsed.endorsement()).setPayload(endorsed.payload()).setResponse(response);
        if (interest != null) {
            b.setInterest(interest);
        }
        return b.build();
    }

    private record EndorsementInfo(String version, String plugin, String chaincodeId, boolean initRequired) {
    }

    /**
     * Fabric's {@code CheckInvocation}: a chaincode defined with init required runs INIT once per version (recorded
     * under {@link #INITIALIZED_KEY}) before any transaction; an init call of any other chaincode is refused.
     *
     * @throws ChaincodeException {@code invalid invocation: …}
     */
    private static ChaincodeTarget checkInvocation(String cc, EndorsementInfo info, ChaincodeInput input,
            TxSimulator simulator) {
        boolean needsInit = false;
        if (info.initRequired()) {
            ByteString initialized = simulator.getState(cc, INITIALIZED_KEY);
            needsInit = initialized == null || !initialized.toStringUtf8().equals(info.version());
        }
        if (input.getIsInit()) {
            if (!info.initRequired()) {
                throw new ChaincodeException("invalid invocation: chaincode '" + cc
                        + "' does not require initialization but called as init");
            }
            if (!needsInit) {
                throw new ChaincodeException("invalid invocation: chaincode '" + cc
                        + "' is already initialized but called as init");
            }
            simulator.setState(cc, INITIALIZED_KEY, ByteString.copyFromUtf8(info.version()));
            return new ChaincodeTarget(cc, info.chaincodeId(), true);
        }
        if (needsInit) {
            throw new ChaincodeException("invalid invocation: chaincode '" + cc
                    + "' has not been initialized for this version, must call as init first");
        }
        return new ChaincodeTarget(cc, info.chaincodeId(), false);
    }

    /**
     * Fabric's private-data hand-off: the private write set, with the configs of the collections it writes, waits in
     * the channel's transient store (keyed by txid, at the current height) until the block carrying the transaction
     * commits it.
     */
    private void distributePrivateData(UnpackedProposal up, EndorserChannel channel, SimulationResults simulation)
            throws Failure {
        if (LegacyLifecycle.NAMESPACE.equals(up.chaincodeName())) {
            throw new Failure("error in simulation: Private data is forbidden to be used in instantiate");
        }
        long height = channel.ledger().height();
        TxPvtReadWriteSetWithConfigInfo withConfig;
        QueryExecutor committed = channel.ledger().newQueryExecutorNoCollChecks();
        try {
            List<String> orgs = channel.config().application().map(ApplicationConfig::mspIds).orElse(List.of());
            withConfig = PrivateWriteSets.assemble(simulation.pvt(), orgs, committed::getState, height);
        } catch (LifecycleStateException | RuntimeException e) {
            throw new Failure("error in simulation: failed to obtain collections config: " + failureMessage(e));
        } finally {
            committed.done();
        }
        channel.transientStore().persist(up.txId(), height, withConfig);
    }

    /**
     * Fabric's chaincode interest, for public state only (Weft serves no private data or key-level policies to
     * chaincodes yet): each touched namespace that is not a system chaincode's.
     */
    private ChaincodeInterest interest(SimulationResults simulation) {
        ChaincodeInterest.Builder b = ChaincodeInterest.newBuilder();
        simulation.pub().getNsRwsetList().stream().map(ns -> ns.getNamespace()).filter(ns -> !isSystemChaincode(ns))
                .distinct().sorted().forEach(ns -> b.addChaincodes(ChaincodeCall.newBuilder().setName(ns)));
        return b.build();
    }

    /**
     * Fabric's {@code ChaincodeEndorsementInfo} for a chaincode that is not a system chaincode. As Fabric, only the
     * definition's sequence is read through the proposal's simulator (it is in the read set); the rest comes from
     * committed state, as Fabric's chaincode cache holds it.
     */
    private EndorsementInfo endorsementInfo(EndorserChannel channel, String cc, TxSimulator simulator) throws Failure {
        String channelId = channel.config().channelId();
        try {
            var application = channel.config().application();
            if (application.isEmpty()) {
                throw new Failure("could not get application config for channel '" + channelId + "'");
            }
            if (application.get().capabilities().lifecycleV20()) {
                long sequence;
                try {
                    sequence = LifecycleState.sequence(simulator::getState, cc);
                } catch (LifecycleStateException e) {
                    throw new Failure("could not get current sequence for chaincode '" + cc + "' on channel '"
                            + channelId + "': " + e.getMessage());
                }
                if (sequence > 0) {
                    return definedInfo(channel, cc, sequence, simulator);
                }
            }
            Optional<ChaincodeData> legacy = LegacyLifecycle.chaincodeData(simulator::getState, cc);
            if (legacy.isEmpty()) {
                throw new Failure("chaincode " + cc + " not found");
            }
            try {
                chaincodes.checkLegacyPackage(simulator.getStateUnrecorded(LegacyLifecycle.NAMESPACE, cc));
            } catch (ChaincodeException e) {
                throw new Failure("failed security checks: " + e.getMessage());
            }
            return new EndorsementInfo(legacy.get().getVersion(), legacy.get().getEscc(),
                    cc + ":" + legacy.get().getVersion(), false);
        } catch (LifecycleStateException e) {
            throw new Failure(e.getMessage());
        } catch (Failure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Failure("could not retrieve state for chaincode " + cc + ": " + failureMessage(e));
        }
    }

    /** A {@code _lifecycle} chaincode at {@code sequence}: this org must have approved it, with a package it installed. */
    private EndorsementInfo definedInfo(EndorserChannel channel, String cc, long sequence, TxSimulator simulator)
            throws Failure, LifecycleStateException {
        String channelId = channel.config().channelId();
        LifecycleInfoCache cache = channel.lifecycleCache();
        LifecycleInfoCache.Entry info = cache.get(cc, sequence);
        if (info == null) {
            long generation = cache.generation();
            // under the simulator's lock: a second lock taken here could deadlock with a waiting commit
            QueryExecutor committed = simulator.committedView();
            try {
                info = workOut(committed, cc, sequence, generation);
            } finally {
                committed.done();
            }
            cache.put(cc, info);
        }
        if (!info.approved()) {
            throw new Failure("chaincode definition for '" + cc + "' at sequence " + sequence
                    + " on channel '" + channelId + "' has not yet been approved by this org");
        }
        ChaincodeDefinition def = info.definition();
        String version = def.endorsementInfo().getVersion();
        Optional<String> packageId = info.packageId().filter(chaincodes::isInstalled);
        if (packageId.isEmpty() && !chaincodes.userRunsChaincodes()) {
            throw new Failure("chaincode definition for '" + cc + "' exists, but chaincode is not installed");
        }
        return new EndorsementInfo(version, def.endorsementInfo().getEndorsementPlugin(),
                packageId.orElse(cc + ":" + version), def.endorsementInfo().getInitRequired());
    }

    /** The definition at {@code sequence}, this org's approval of it and the package it approved, from the state. */
    private LifecycleInfoCache.Entry workOut(QueryExecutor committed, String cc, long sequence, long generation)
            throws Failure, LifecycleStateException {
        ChaincodeDefinition def = LifecycleState.definition(committed::getState, cc).orElse(null);
        if (def == null || def.sequence() != sequence) {
            throw new Failure("chaincode cache at sequence " + (def == null ? 0 : def.sequence())
                    + " but current sequence is " + sequence + ", chaincode definition for '" + cc
                    + "' changed during invoke");
        }
        OrgApprovals.PrivateState approvals = new OrgApprovals.PrivateState() {
            @Override
            public ByteString value(String collection, String key) {
                try {
                    return committed.getPrivateData(LifecycleState.NAMESPACE, collection, key);
                } catch (RuntimeException e) {
                    return null; // this peer misses the data: as if not approved
                }
            }

            @Override
            public ByteString hash(String collection, String key) {
                return committed.getPrivateDataHash(LifecycleState.NAMESPACE, collection, key);
            }
        };
        String mspId = signer.mspId();
        boolean approved = OrgApprovals.approved(approvals, mspId, cc, def);
        Optional<String> packageId = approved ? OrgApprovals.packageId(approvals, mspId, cc, sequence) : Optional.empty();
        return new LifecycleInfoCache.Entry(generation, sequence, def, approved, packageId);
    }

    /** The chaincode input after the configured decorators, its decorations reset first (Fabric's {@code Execute}). */
    private ChaincodeInput decorate(UnpackedProposal up) throws Failure {
        ChaincodeInput input = up.input().toBuilder().clearDecorations().build();
        try (HandlerChain<Decorator> decorators = registry.decorators()) {
            for (int i = 0; i < decorators.size(); i++) {
                input = requireNonNull(decorators.get(i).decorate(up.proposal(), input),
                        "decorator " + decorators.handles().get(i).name() + " returned no input");
            }
        } catch (RuntimeException e) {
            throw new Failure("error in simulation: " + failureMessage(e));
        }
        return input;
    }

    private Response invoke(UnpackedProposal up, Invocation invocation) throws Failure {
        String cc = up.chaincodeName();
        Optional<SystemChaincode> scc = sccs.get(cc);
        if (scc.isEmpty()) {
            throw new Failure("error in simulation: system chaincode " + cc + " is not available on this peer");
        }
        Response response;
        try {
            response = scc.get().invoke(invocation);
        } catch (RuntimeException e) {
            LOG.warn("System chaincode {} failed on txid {}", cc, up.txId(), e);
            throw new Failure("error in simulation: " + failureMessage(e));
        }
        if (response == null) {
            throw new Failure("error in simulation: system chaincode " + cc + " returned no response");
        }
        return response;
    }

    private EndorsementPlugin.Result endorseWith(String pluginName, UnpackedProposal up, ByteString prp) throws Failure {
        HandlerHandle<EndorsementPluginFactory> handle;
        try {
            handle = registry.endorser(pluginName);
        } catch (RuntimeException e) {
            throw new Failure("endorsing with plugin failed: plugin with name " + pluginName + " could not be used: "
                    + failureMessage(e));
        }
        try (handle) {
            String channelId = up.channelId();
            PluginKey key = new PluginKey(pluginName, channelId, handle.serviceId());
            EndorsementPlugin plugin = plugins.get(key);
            if (plugin == null) {
                // one plugin per channel and provider; a replaced provider's plugins go with it
                plugins.keySet().removeIf(k -> k.alias().equals(pluginName) && k.channel().equals(channelId)
                        && k.serviceId() != key.serviceId());
                plugin = plugins.computeIfAbsent(key, k -> handle.handler().newPlugin(new Context(channelId)));
            }
            EndorsementPlugin.Result result = plugin.endorse(prp, up.signedProposal());
            if (result == null || result.endorsement() == null || result.payload() == null) {
                throw new Failure("endorsing with plugin failed: plugin with name " + pluginName
                        + " returned no endorsement");
            }
            return result;
        } catch (Failure e) {
            throw e;
        } catch (EndorsementException | RuntimeException e) {
            throw new Failure("endorsing with plugin failed: " + failureMessage(e));
        }
    }

    /**
     * Fabric's {@code Invoke} for a chaincode-to-chaincode call: the {@code peer/ChaincodeToChaincode} ACL on the
     * target channel (not for system chaincodes), the callee's definition and init rules, then its execution on the
     * caller's simulator — or, on another channel, on a simulator of that channel whose results are dropped (Fabric
     * commits cross-channel calls' reads and writes nowhere). The callee reads history from its own ledger.
     */
    public ChaincodeMessage invokeFromChaincode(String callerChannel, String targetChannel, String txId, String name,
            ChaincodeInput input, SignedProposal proposal, TxSimulator callerSimulator) {
        boolean system = isSystemChaincode(name);
        EndorserChannel channel = channels.channel(targetChannel).orElse(null);
        if (!system) {
            if (channel == null) {
                throw new ChaincodeException("Failed to get policy manager for channel [" + targetChannel + "]");
            }
            try {
                UnpackedProposal up = UnpackedProposal.unpack(proposal);
                acl.checkAcl("peer/ChaincodeToChaincode", channel.config(), signedData(up));
            } catch (ProposalException | AclException e) {
                throw new ChaincodeException(e.getMessage());
            }
        }
        if (channel == null) {
            throw new ChaincodeException("failed to find ledger for channel: " + targetChannel);
        }
        boolean sameChannel = targetChannel.equals(callerChannel);
        TxSimulator simulator = sameChannel ? callerSimulator : channel.ledger().newTxSimulator(txId);
        try {
            if (system) {
                return systemFromChaincode(name, input, proposal, sameChannel ? simulator : null);
            }
            ChaincodeTarget target;
            try {
                target = checkInvocation(name, endorsementInfo(channel, name, simulator), input, simulator);
            } catch (Failure e) {
                throw new ChaincodeException("invalid invocation: [channel " + targetChannel
                        + "] failed to get chaincode container info for " + name + ": " + e.getMessage());
            }
            try {
                return chaincodes.executeAndWait(targetChannel, txId, target, input, proposal, simulator);
            } catch (ChaincodeException e) {
                throw new ChaincodeException("execute failed: " + e.getMessage());
            }
        } finally {
            if (!sameChannel) {
                simulator.done();
            }
        }
    }

    /** A system chaincode called by a chaincode: its response as the COMPLETED message a chaincode would send. */
    private ChaincodeMessage systemFromChaincode(String name, ChaincodeInput input, SignedProposal proposal,
            TxSimulator simulator) {
        Optional<SystemChaincode> scc = sccs.get(name);
        if (scc.isEmpty()) {
            throw new ChaincodeException("execute failed: system chaincode " + name + " is not available on this peer");
        }
        UnpackedProposal up;
        try {
            up = UnpackedProposal.unpack(proposal);
        } catch (ProposalException e) {
            throw new ChaincodeException(e.getMessage());
        }
        SccState state = simulator == null || "qscc".equals(name) || "cscc".equals(name) ? null
                : new LedgerSccState(simulator, name);
        Response response = scc.get().invoke(new Invocation(up, input.getArgsList(), state, true));
        return ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.COMPLETED).setTxid(up.txId())
                .setChannelId(up.channelId()).setPayload(response.toByteString()).build();
    }

    /** Plugins created and not yet dropped, for tests. */
    int pluginCount() {
        return plugins.size();
    }

    private final class Context implements EndorsementContext {
        private final String channelId;

        Context(String channelId) {
            this.channelId = channelId;
        }

        @Override
        public String channelId() {
            return channelId;
        }

        @Override
        public SigningIdentity signingIdentityFor(SignedProposal proposal) {
            return signer;
        }
    }

    private static SignedData signedData(UnpackedProposal up) {
        return new SignedData(up.signedProposal().getProposalBytes(), up.signatureHeader().getCreator(),
                up.signedProposal().getSignature());
    }

    private static ProposalResponse failure(String message) {
        return ProposalResponse.newBuilder().setResponse(Response.newBuilder().setStatus(500).setMessage(message))
                .build();
    }

    /** One call of a system chaincode. */
    private final class Invocation implements SccInvocation {
        private final UnpackedProposal up;
        private final List<ByteString> args;
        private final SccState state;
        private final boolean fromChaincode;
        private ChaincodeEvent event;

        Invocation(UnpackedProposal up, List<ByteString> args, SccState state, boolean fromChaincode) {
            this.up = up;
            this.args = List.copyOf(args);
            this.state = state;
            this.fromChaincode = fromChaincode;
        }

        @Override
        public Optional<SccState> state() {
            return Optional.ofNullable(state);
        }

        @Override
        public String channelId() {
            return up.channelId();
        }

        @Override
        public String txId() {
            return up.txId();
        }

        @Override
        public List<ByteString> args() {
            return args;
        }

        @Override
        public SignedProposal signedProposal() {
            return up.signedProposal();
        }

        @Override
        public Proposal proposal() {
            return up.proposal();
        }

        @Override
        public boolean fromChaincode() {
            return fromChaincode;
        }

        @Override
        public void checkAcl(String resource, String channelId) throws AccessDeniedException {
            requireNonNull(resource, "resource");
            requireNonNull(channelId, "channelId");
            SignedData data = signedData(up);
            try {
                if (channelId.isEmpty() || DefaultAcls.isPeerResource(resource)) {
                    acl.checkAcl(resource, null, data);
                    return;
                }
                Optional<EndorserChannel> channel = channels.channel(channelId);
                if (channel.isEmpty()) {
                    throw new AccessDeniedException("Failed to get policy manager for channel [" + channelId + "]");
                }
                acl.checkAcl(resource, channel.get().config(), data);
            } catch (AclException e) {
                throw new AccessDeniedException(e.getMessage());
            }
        }

        @Override
        public void setEvent(String name, ByteString payload) {
            event = ChaincodeEvent.newBuilder().setEventName(name).setPayload(payload).build();
        }

        @Override
        public void checkSignaturePolicy(ByteString signaturePolicyEnvelope, String channelId)
                throws AccessDeniedException {
            EndorserChannel channel = channels.channel(channelId).orElseThrow(() -> new IllegalArgumentException(
                    "error checking chaincode instantiation policy: MSP manager for channel " + channelId
                            + " not found"));
            CompiledSignaturePolicy policy;
            try {
                policy = CompiledSignaturePolicy.fromBytes(signaturePolicyEnvelope.toByteArray(),
                        channel.config().deserializer());
            } catch (PolicyException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            try {
                policy.evaluateSignedData(List.of(signedData(up)));
            } catch (PolicyException e) {
                throw new AccessDeniedException(e.getMessage());
            }
        }
    }
}
