package io.weft.core.delivery;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.weft.api.identity.SigningIdentity;
import io.weft.core.committer.BlockCommitter;
import io.weft.core.committer.BlockVerificationException;
import io.weft.core.committer.ValidationHaltedException;
import io.weft.protoutil.DeliverSeeks;

/**
 * Fabric's {@code Deliverer} for one channel, on a thread of its own: asks a random orderer of the channel config for
 * every block from the ledger height on ({@code BLOCK_UNTIL_READY}, stop at the largest number) with an envelope
 * signed by the peer (bound to its TLS client certificate), commits each block through the channel's committer (which
 * verifies it), and on any failure — dial error, refused or unverifiable block, a status, a hung-up stream — reconnects
 * after Fabric's backoff: 100 ms × 1.2^(failures−1), capped at {@code peer.deliveryclient.reConnectBackoffThreshold}.
 * Weft has no gossip leader election: like Fabric's static leaders it keeps trying past
 * {@code reconnectTotalTimeThreshold}, with a warning. One block is requested at a time (gRPC flow control), so a
 * slow commit never buffers blocks.
 */
public final class BlockDeliverer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockDeliverer.class);
    private static final double BACKOFF_BASE = 1.2;
    private static final Duration INITIAL_DELAY = Duration.ofMillis(100);
    private static final Object HUNG_UP = new Object();

    /** {@code peer.deliveryclient} settings; {@code overrides} keyed by the address they replace. */
    public record Settings(Duration maxRetryDelay, Duration maxRetryDuration, Map<String, AddressOverride> overrides) {

        public Settings {
            overrides = Map.copyOf(overrides);
        }
    }

    private final BlockCommitter committer;
    private final SigningIdentity signer;
    private final OrdererDialer dialer;
    private final Settings settings;
    private final ByteString tlsCertHash;
    private final Thread thread;
    private volatile boolean closed;
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
    private volatile ManagedChannel connection;

    public BlockDeliverer(BlockCommitter committer, SigningIdentity signer, OrdererDialer dialer, Settings settings) {
        this.committer = committer;
        this.signer = signer;
        this.dialer = dialer;
        this.settings = settings;
        this.tlsCertHash = tlsCertHash(dialer.tls());
        this.thread = new Thread(this::deliverBlocks, "weft-deliver-" + committer.channelId());
        thread.setDaemon(true);
    }

    public BlockDeliverer start() {
        thread.start();
        return this;
    }

    public String channelId() {
        return committer.channelId();
    }

    private void deliverBlocks() {
        int failures = 0;
        Duration total = Duration.ZERO;
        boolean warnedLeader = false;
        while (!closed) {
            if (failures > 0) {
                Duration sleep = backoff(failures, settings.maxRetryDelay());
                total = total.plus(sleep);
                if (total.compareTo(settings.maxRetryDuration()) > 0 && !warnedLeader) {
                    LOG.warn("[{}] peer is a static leader, ignoring peer.deliveryclient.reconnectTotalTimeThreshold",
                            channelId());
                    warnedLeader = true;
                }
                LOG.warn("[{}] Disconnected from ordering service. Attempt to re-connect in {}", channelId(),
                        goDuration(sleep));
                if (!sleep(sleep)) {
                    return;
                }
            }
            if (pullFromOneOrderer()) {
                failures = 0;
                total = Duration.ZERO;
            }
            failures++;
        }
    }

    /**
     * One connection: from the ledger height until it fails or the deliverer closes.
     *
     * @return whether at least one block was committed on it (which resets Fabric's failure counter)
     */
    private boolean pullFromOneOrderer() {
        long height = committer.height();
        List<OrdererEndpoint> endpoints = OrdererEndpoints.of(committer.channel().config(), settings.overrides());
        if (endpoints.isEmpty()) {
            LOG.warn("[{}] Could not connect to ordering service: could not get orderer endpoints: no endpoints "
                    + "currently defined", channelId());
            return false;
        }
        OrdererEndpoint endpoint = endpoints.get(ThreadLocalRandom.current().nextInt(endpoints.size()));
        ManagedChannel channel;
        try {
            channel = dialer.open(endpoint);
        } catch (IOException | RuntimeException e) {
            LOG.warn("[{}] Could not connect to ordering service: could not dial endpoint '{}': {}", channelId(),
                    endpoint.address(), e.getMessage());
            return false;
        }
        connection = channel; // before connecting, so that close() cuts a dial short
        if (closed) {
            channel.shutdownNow();
            return false;
        }
        try {
            dialer.awaitReady(channel, endpoint);
        } catch (IOException | RuntimeException e) {
            connection = null;
            if (!closed) {
                LOG.warn("[{}] Could not connect to ordering service: could not dial endpoint '{}': {}", channelId(),
                        endpoint.address(), e.getMessage());
            }
            return false;
        }
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        ClientCallStreamObserver<Envelope>[] call = newCallHolder();
        try {
            StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel).deliver(
                    new ClientResponseObserver<Envelope, DeliverResponse>() {
                        @Override
                        public void beforeStart(ClientCallStreamObserver<Envelope> requestStream) {
                            call[0] = requestStream;
                            requestStream.disableAutoRequestWithInitial(1);
                        }

                        @Override
                        public void onNext(DeliverResponse value) {
                            received.add(value);
                        }

                        @Override
                        public void onError(Throwable t) {
                            LOG.warn("[{}] Encountered an error reading from deliver stream: {}", channelId(),
                                    t.getMessage());
                            received.add(HUNG_UP);
                        }

                        @Override
                        public void onCompleted() {
                            received.add(HUNG_UP);
                        }
                    });
            requests.onNext(seekFrom(height));
            LOG.info("[{}] Pulling next blocks from ordering service {}, nextBlock {}", channelId(), endpoint.address(),
                    height);
            return receive(received, call[0]);
        } finally {
            connection = null;
            channel.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static ClientCallStreamObserver<Envelope>[] newCallHolder() {
        return new ClientCallStreamObserver[1];
    }

    private boolean receive(BlockingQueue<Object> received, ClientCallStreamObserver<Envelope> call) {
        boolean committed = false;
        while (!closed) {
            Object next;
            try {
                next = received.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return committed;
            }
            if (next == null) {
                continue;
            }
            if (next == HUNG_UP) {
                LOG.warn("[{}] Orderer hung up without sending status", channelId());
                return committed;
            }
            String error = process((DeliverResponse) next);
            if (error != null) {
                LOG.warn("[{}] Got error while attempting to receive blocks: {}", channelId(), error);
                call.cancel(error, null);
                return committed;
            }
            committed = true;
            call.request(1);
        }
        return committed;
    }

    /** Fabric's {@code processMsg}: null when the block is committed, else why the connection is dropped. */
    private String process(DeliverResponse response) {
        switch (response.getTypeCase()) {
            case STATUS:
                return response.getStatus() == Status.SUCCESS ? "received success for a seek that should never complete"
                        : "received bad status " + response.getStatus() + " from orderer";
            case BLOCK:
                try {
                    committer.commit(response.getBlock());
                    return null;
                } catch (BlockVerificationException e) {
                    return "block from orderer could not be verified: " + e.getMessage();
                } catch (ValidationHaltedException e) {
                    return "block " + response.getBlock().getHeader().getNumber() + " could not be committed now: "
                            + e.getMessage();
                } catch (IOException | RuntimeException e) {
                    LOG.error("[{}] Committing block {} failed", channelId(),
                            response.getBlock().getHeader().getNumber(), e);
                    return "block " + response.getBlock().getHeader().getNumber() + " could not be committed: "
                            + e.getMessage();
                }
            default:
                return "unknown message type '" + response.getTypeCase() + "'";
        }
    }

    /** Fabric's seek: from {@code height} to the largest block number, waiting for blocks not cut yet. */
    Envelope seekFrom(long height) {
        return DeliverSeeks.onward(channelId(), signer, DeliverSeeks.specified(height), tlsCertHash);
    }

    /** Fabric's reconnection delay after {@code failures} failures in a row, capped at {@code max}. */
    public static Duration backoff(int failures, Duration max) {
        int maxFailures = (int) (Math.log((double) max.toNanos() / INITIAL_DELAY.toNanos()) / Math.log(BACKOFF_BASE));
        if (failures - 1 > maxFailures) {
            return max;
        }
        return Duration.ofMillis((long) (Math.pow(BACKOFF_BASE, failures - 1) * 100));
    }

    private static String goDuration(Duration d) {
        long millis = d.toMillis();
        return millis < 1000 ? millis + "ms" : (millis / 1000.0) + "s";
    }

    /** Waits {@code d} unless closed meanwhile; whether to go on. */
    private boolean sleep(Duration d) {
        try {
            return !closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ByteString tlsCertHash(OrdererDialer.ClientTls tls) {
        if (!tls.enabled() || tls.chain().isEmpty()) {
            return ByteString.EMPTY;
        }
        try {
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(tls.chain().get(0).getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops pulling: the connection is dropped and the thread ends after the block it may be committing (never
     * interrupted: an interrupt would close the ledger's file channels under it).
     */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        ManagedChannel c = connection;
        if (c != null) {
            c.shutdownNow();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
