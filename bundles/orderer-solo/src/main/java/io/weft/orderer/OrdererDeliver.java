package io.weft.orderer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.stub.StreamObserver;
import io.weft.channelconfig.ChannelConfig;
import io.weft.deliver.AccessPolicy;
import io.weft.deliver.BlockSource;
import io.weft.deliver.DeliverResponder;
import io.weft.deliver.DeliverStreams;
import io.weft.deliver.DeliverSupport;
import io.weft.deliver.TlsBinding;
import io.weft.policies.Policy;
import io.weft.policies.PolicyException;
import io.weft.policies.PolicyManager;
import io.weft.protoutil.SignedData;

/**
 * {@code orderer.AtomicBroadcast/Deliver} as Fabric's orderer serves it, with the common Deliver handler: blocks of
 * the chain's ledger as {@code orderer.DeliverResponse}s, to requesters that satisfy the channel's
 * {@code /Channel/Readers} ({@code /Channel/Orderer/Readers} while the channel is in maintenance mode), checked
 * again when the config sequence grows. Streams wait for blocks without holding a thread: their turns run on this
 * object's small pool, woken by the ledger's appends. Close it to end the open streams and stop the pool.
 */
public final class OrdererDeliver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrdererDeliver.class);

    /** Fabric's orderer {@code General.Authentication.TimeWindow} default. */
    public static final Duration DEFAULT_TIME_WINDOW = Duration.ofMinutes(15);

    private final ExecutorService executor;
    private final DeliverStreams<ChainBlocks> streams;

    /**
     * @param chains     the chains served, by channel id (as {@link BroadcastHandler} finds them)
     * @param timeWindow how far a request's timestamp may be from this orderer's clock
     */
    public OrdererDeliver(Function<String, Optional<SoloChain>> chains, Duration timeWindow, Clock clock) {
        Objects.requireNonNull(chains, "chains");
        AtomicInteger threads = new AtomicInteger();
        // turns are short and never wait: a thread per core serves any number of streams
        this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "orderer-deliver-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // the orderer's gRPC server hands no client certificate to its services: no TLS binding to check
        this.streams = new DeliverStreams<>(new DeliverSupport<>(id -> chains.apply(id).map(ChainBlocks::new),
                timeWindow, new TlsBinding(false), clock, executor, new LongAdder()));
    }

    /** Serves one Deliver call. */
    StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
        LOG.debug("Starting new Deliver handler");
        return streams.open(BLOCKS, OrdererDeliver::checkReaders, responses, "orderer deliver client", null);
    }

    /** Open streams end with UNAVAILABLE, their last turns run (briefly), and the threads stop. */
    @Override
    public void close() {
        streams.stop();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Fabric's orderer deliver policy: the signature filter of {@code /Channel/Readers}. */
    static void checkReaders(ChannelConfig config, SignedData requester) throws AccessPolicy.AccessDeniedException {
        String name = OrdererConfigs.of(config).consensusState() == ConsensusType.State.STATE_MAINTENANCE
                ? PolicyManager.CHANNEL_ORDERER_READERS : PolicyManager.CHANNEL_READERS;
        Optional<Policy> policy = config.policyManager().find(name);
        if (policy.isEmpty()) {
            throw new AccessPolicy.AccessDeniedException("could not find policy " + name, null);
        }
        try {
            policy.get().evaluateSignedData(List.of(requester));
        } catch (PolicyException e) {
            throw new AccessPolicy.AccessDeniedException(e.getMessage() + ": "
                    + StandardChannelFilters.PERMISSION_DENIED, e);
        }
    }

    /** A chain's ledger as Deliver reads it; a halted chain is Fabric's errored chain. */
    record ChainBlocks(SoloChain chain) implements BlockSource {

        @Override
        public String id() {
            return chain.channelId();
        }

        @Override
        public ChannelConfig config() {
            return chain.config();
        }

        @Override
        public long height() {
            return chain.ledger().height();
        }

        @Override
        public Optional<Block> block(long number) {
            return chain.ledger().block(number);
        }

        @Override
        public AutoCloseable onHeightChange(Runnable heightChanged) {
            Objects.requireNonNull(heightChanged, "heightChanged");
            return chain.ledger().onAppend(block -> heightChanged.run());
        }

        @Override
        public boolean errored() {
            return chain.isHalted();
        }
    }

    /** Each block as it is stored. */
    private static final DeliverResponder<ChainBlocks, DeliverResponse> BLOCKS = new DeliverResponder<>() {
        @Override
        public String dataType() {
            return "block";
        }

        @Override
        public DeliverResponse status(Status status) {
            return DeliverResponse.newBuilder().setStatus(status).build();
        }

        @Override
        public DeliverResponse respond(Block block, ChainBlocks channel, SignedData requester) {
            return DeliverResponse.newBuilder().setBlock(block).build();
        }
    };
}
