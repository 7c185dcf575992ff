package io.weft.deliver;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One Deliver call, as Fabric's deliver handler serves it: requests are taken one at a time; each is checked, then
 * its blocks are read from the ledger and sent, and a status closes it; SUCCESS lets the client send the next
 * request, any other status ends the stream.
 * <p>
 * The stream never holds a thread while it waits. Everything it does runs in short turns on the shared executor,
 * one turn at a time per stream: a turn is asked for when a request arrives, when the transport can take more
 * (gRPC's onReady) and when the channel stores a block. A turn sends blocks only while the transport is ready, so a
 * slow reader holds at most gRPC's small send buffer, and the block writer only signals.
 *
 * @param <C> the channels served
 * @param <R> the response message
 */
final class DeliverStream<C extends BlockSource, R> implements StreamObserver<Envelope> {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverStream.class);

    /** Blocks one turn sends before it lets the other streams' turns run. */
    private static final int BLOCKS_PER_TURN = 16;

    private final DeliverResponder<C, R> responder;
    private final AccessPolicy policy;
    private final DeliverSupport<C> support;
    private final ServerCallStreamObserver<R> out;
    private final String remote;
    private final X509Certificate clientCertificate; // null without TLS client authentication
    private final Consumer<DeliverStream<?, ?>> onEnd;

    private final AtomicInteger turnsAsked = new AtomicInteger();
    private final Queue<Envelope> requests = new ConcurrentLinkedQueue<>();
    private volatile boolean halfClosed;
    private volatile boolean cancelled;
    private volatile boolean stopping;

    // touched by turns only, which never overlap
    private Request<C> active;
    private boolean ended;

    /** The request being served. */
    private static final class Request<C> {
        final C channel;
        final DeliverEnvelope envelope;
        final SessionAccessControl access;
        final SeekPlan plan;
        final AutoCloseable commits; // null: FAIL_IF_NOT_READY never waits for a commit
        long next;

        Request(C channel, DeliverEnvelope envelope, SessionAccessControl access, SeekPlan plan,
                AutoCloseable commits) {
            this.channel = channel;
            this.envelope = envelope;
            this.access = access;
            this.plan = plan;
            this.commits = commits;
            this.next = plan.start();
        }
    }

    private DeliverStream(DeliverResponder<C, R> responder, AccessPolicy policy, DeliverSupport<C> support,
            ServerCallStreamObserver<R> out, String remote, X509Certificate clientCertificate,
            Consumer<DeliverStream<?, ?>> onEnd) {
        this.responder = Objects.requireNonNull(responder, "responder");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.support = Objects.requireNonNull(support, "support");
        this.out = out;
        this.remote = remote;
        this.clientCertificate = clientCertificate;
        this.onEnd = onEnd;
    }

    /**
     * A stream on {@code out}; called from the service method, where gRPC lets handlers be set.
     *
     * @param responder         what the method sends
     * @param policy            who may read the requested channel
     * @param remote            the client's address, for logs
     * @param clientCertificate the client's TLS certificate, or {@code null}
     * @param onEnd             runs once the stream has ended, however it ended
     */
    static <C extends BlockSource, R> DeliverStream<C, R> open(DeliverResponder<C, R> responder,
            AccessPolicy policy, DeliverSupport<C> support, ServerCallStreamObserver<R> out, String remote,
            X509Certificate clientCertificate, Consumer<DeliverStream<?, ?>> onEnd) {
        DeliverStream<C, R> stream = new DeliverStream<>(responder, policy, support, out, remote, clientCertificate,
                onEnd);
        out.disableAutoRequest(); // the next request is read once the current one is answered, as Fabric's Recv
        out.setOnReadyHandler(stream::askTurn);
        out.setOnCancelHandler(() -> {
            stream.cancelled = true;
            stream.askTurn();
        });
        out.request(1);
        LOG.debug("Starting new {} deliver loop for {}", responder.dataType(), remote);
        return stream;
    }

    @Override
    public void onNext(Envelope request) {
        requests.add(request);
        askTurn();
    }

    @Override
    public void onError(Throwable t) {
        LOG.debug("Error reading from {}: {}", remote, t.getMessage());
        cancelled = true;
        askTurn();
    }

    @Override
    public void onCompleted() {
        LOG.debug("Received EOF from {}, hangup", remote);
        halfClosed = true;
        askTurn();
    }

    /** Ends the stream with UNAVAILABLE, so that the client reconnects: the service is going away. */
    void stop() {
        stopping = true;
        askTurn();
    }

    /** Runs a turn soon; several asks while one is pending or running make one more turn. */
    private void askTurn() {
        if (turnsAsked.getAndIncrement() == 0) {
            submitTurn();
        }
    }

    private void submitTurn() {
        try {
            support.executor().execute(this::turn);
        } catch (RejectedExecutionException e) {
            LOG.debug("Deliver to {} stopped: the service is shutting down", remote);
        }
    }

    private void turn() {
        int asked = turnsAsked.get();
        try {
            step();
        } catch (RuntimeException e) {
            LOG.warn("Deliver to {} failed: {}", remote, e.toString());
            try {
                fail(e.toString());
            } catch (RuntimeException closed) {
                LOG.debug("Could not end the stream to {}: {}", remote, closed.toString());
            }
        }
        // asks that came during this turn get another one, queued behind the other streams' turns
        if (turnsAsked.addAndGet(-asked) != 0) {
            submitTurn();
        }
    }

    private void step() {
        if (ended) {
            return;
        }
        if (cancelled) {
            LOG.debug("Context canceled, aborting wait for next block ({})", remote);
            stopWaiting();
            end();
            return;
        }
        if (stopping) {
            stopWaiting();
            end();
            out.onError(io.grpc.Status.UNAVAILABLE.withDescription("the deliver service is stopping")
                    .asRuntimeException());
            return;
        }
        if (active == null && !startNext()) {
            return;
        }
        sendBlocks();
    }

    /** Takes the next request; false when there is none to serve now. */
    private boolean startNext() {
        Envelope envelope = requests.poll();
        if (envelope == null) {
            if (halfClosed) {
                end();
                out.onCompleted();
            }
            return false;
        }
        try {
            active = start(envelope);
            return true;
        } catch (DeliverRefusal refusal) {
            if (refusal.status() == Status.NOT_FOUND) {
                // SDKs poll for channels being created: not worth a warning
                LOG.debug("Rejecting deliver for {}: {}", remote, refusal.getMessage());
            } else {
                LOG.warn("Rejecting deliver request for {} with {}: {}", remote, refusal.status(),
                        refusal.getMessage());
            }
            answer(refusal.status());
            return false;
        }
    }

    /** Fabric's checks, in Fabric's order, then the seek positions. */
    private Request<C> start(Envelope envelope) throws DeliverRefusal {
        DeliverEnvelope request = DeliverEnvelope.parse(envelope, support.clock().instant(), support.timeWindow(),
                support.binding(), clientCertificate);
        String channelId = request.channelId();
        C channel = support.channels().channel(channelId).orElseThrow(
                () -> new DeliverRefusal(Status.NOT_FOUND, "channel " + channelId + " not found"));
        SeekInfo seek = request.seekInfo();
        if (seek.getBehavior() == SeekInfo.SeekBehavior.BLOCK_UNTIL_READY && channel.errored()) {
            throw new DeliverRefusal(Status.SERVICE_UNAVAILABLE, "[channel: " + channelId + "] Rejecting deliver "
                    + "request for " + remote + " because of consenter error");
        }
        SessionAccessControl access = new SessionAccessControl(policy, request.signedData(), channel.config(),
                support.clock());
        try {
            access.evaluate(channel.config());
        } catch (DeliverRefusal r) {
            throw new DeliverRefusal(r.status(), "[channel: " + channelId + "] Client " + remote
                    + " is not authorized: " + r.getMessage());
        }
        // subscribed before the first look at the height, so no commit goes unnoticed
        AutoCloseable commits = seek.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY ? null
                : channel.onHeightChange(this::askTurn);
        try {
            SeekPlan plan = SeekPlan.of(seek, channel.height());
            LOG.debug("[channel: {}] Received seekInfo {} from {}", channelId, seek, remote);
            return new Request<>(channel, request, access, plan, commits);
        } catch (DeliverRefusal r) {
            close(commits);
            throw new DeliverRefusal(r.status(), "[channel: " + channelId + "] " + r.getMessage());
        }
    }

    /** Sends the request's next blocks while the transport takes them, up to a turn's share. */
    private void sendBlocks() {
        Request<C> r = active;
        String channelId = r.channel.id();
        for (int sent = 0; out.isReady(); sent++) {
            if (sent == BLOCKS_PER_TURN) {
                askTurn();
                return;
            }
            if (Long.compareUnsigned(r.next, r.channel.height()) >= 0) {
                if (r.plan.failIfNotReady()) {
                    LOG.warn("[channel: {}] Block {} not found, block number greater than chain length bounds",
                            channelId, Long.toUnsignedString(r.next));
                    answer(Status.NOT_FOUND);
                } else if (r.channel.errored()) {
                    LOG.warn("[channel: {}] Aborting deliver for request because of background error", channelId);
                    answer(Status.SERVICE_UNAVAILABLE);
                }
                return; // the next commit asks for a turn
            }
            Optional<Block> block = read(r);
            if (block.isEmpty()) {
                answer(Status.SERVICE_UNAVAILABLE);
                return;
            }
            r.next++;
            try {
                r.access.evaluate(r.channel.config());
            } catch (DeliverRefusal refusal) {
                LOG.warn("[channel: {}] Client authorization revoked for deliver request from {}: {}", channelId,
                        remote, refusal.getMessage());
                answer(refusal.status());
                return;
            }
            R response;
            try {
                response = responder.respond(block.get(), r.channel, r.envelope.signedData());
            } catch (DeliverResponder.DeliverFailure e) {
                fail(e.getMessage());
                return;
            }
            out.onNext(response);
            support.blocksSent().increment();
            if (r.plan.isLast(block.get().getHeader().getNumber())) {
                LOG.debug("[channel: {}] Done delivering to {}", channelId, remote);
                answer(Status.SUCCESS);
                return;
            }
        }
    }

    private Optional<Block> read(Request<C> r) {
        try {
            Optional<Block> block = r.channel.block(r.next);
            if (block.isEmpty()) {
                LOG.warn("[channel: {}] Error reading from channel, cause was: block {} is missing", r.channel.id(),
                        r.next);
            }
            return block;
        } catch (IOException | RuntimeException e) {
            LOG.warn("[channel: {}] Error reading from channel, cause was: {}", r.channel.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Closes the request with {@code status}: SUCCESS reads the next request, anything else ends the stream. */
    private void answer(Status status) {
        stopWaiting();
        out.onNext(responder.status(status));
        if (status == Status.SUCCESS) {
            out.request(1);
            if (halfClosed && requests.isEmpty()) {
                askTurn(); // the EOF came during the request: end the stream on the next turn
            }
        } else {
            end();
            out.onCompleted();
        }
    }

    /** Ends the stream with an error and no status, as Fabric's handler returning an error does. */
    private void fail(String message) {
        stopWaiting();
        if (!ended) {
            end();
            out.onError(io.grpc.Status.UNKNOWN.withDescription(message).asRuntimeException());
        }
    }

    private void end() {
        ended = true;
        onEnd.accept(this);
    }

    private void stopWaiting() {
        if (active != null) {
            close(active.commits);
            active = null;
        }
    }

    private static void close(AutoCloseable subscription) {
        if (subscription == null) {
            return;
        }
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Could not unsubscribe from commits: {}", e.getMessage());
        }
    }
}
