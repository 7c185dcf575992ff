package io.weft.runtime.cli.client;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.comm.GrpcClientSettings;
import io.weft.comm.HostPort;
import io.weft.protoutil.DeliverSeeks;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.options.OrdererOptions;
import io.weft.config.GoDuration;

/**
 * Fabric's CLI clients of a Deliver service and of Broadcast: the orderer's ({@code -o}, {@code --tls},
 * {@code --cafile}, {@code --clientauth}, {@code --certfile}/{@code --keyfile}, {@code --ordererTLSHostnameOverride},
 * {@code --connTimeout}) or, for Deliver without {@code -o}, the peer's ({@code CORE_PEER_ADDRESS} and its TLS). Seeks
 * ask for one block, waiting for it ({@code BLOCK_UNTIL_READY}), signed by the local MSP.
 */
public final class BlockDeliveryClient implements AutoCloseable {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofMinutes(5);

    private final NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("weft-cli", true));
    private final ClientEnvironment env;
    private final ManagedChannel channel;
    private final boolean orderer;

    private BlockDeliveryClient(ClientEnvironment env, GrpcClientSettings settings, boolean orderer, String role) {
        this.env = env;
        this.orderer = orderer;
        try {
            this.channel = settings.connect(group);
        } catch (IOException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new CliException("failed to create deliver client for " + role + ": " + role
                    + " client failed to connect to " + settings.address() + ": " + e.getMessage(), e);
        }
    }

    /** To the orderer of {@code -o}. */
    public static BlockDeliveryClient toOrderer(ClientEnvironment env, OrdererOptions o) {
        return toOrderer(env, o, o.orderer());
    }

    /** To the orderer at {@code address}, with the TLS settings of the orderer flags. */
    public static BlockDeliveryClient toOrderer(ClientEnvironment env, OrdererOptions o, String address) {
        Duration timeout = GoDuration.parse(o.connTimeout());
        Optional<Path> cert = o.clientAuth() ? Optional.of(Path.of(o.certFile())) : Optional.empty();
        Optional<Path> key = o.clientAuth() ? Optional.of(Path.of(o.keyFile())) : Optional.empty();
        GrpcClientSettings settings = new GrpcClientSettings(HostPort.parse(address), o.tls(),
                o.tls() && !o.caFile().isEmpty() ? List.of(Path.of(o.caFile())) : List.of(),
                o.tlsHostnameOverride().isEmpty() ? Optional.empty() : Optional.of(o.tlsHostnameOverride()), cert, key,
                timeout.isZero() ? Duration.ofSeconds(3) : timeout, 100 << 20);
        return new BlockDeliveryClient(env, settings, true, "orderer");
    }

    /** To the peer of {@code peer.address}. */
    public static BlockDeliveryClient toPeer(ClientEnvironment env) {
        return new BlockDeliveryClient(env, PeerConnections.fromConfig(env.config()), false, "peer");
    }

    /**
     * Fabric's {@code readBlock} after a seek of one position: the block, the SUCCESS that follows it flushed.
     *
     * @throws CliException {@code can't read the block: ...} when a status comes instead
     */
    public Block block(String channelId, SeekPosition position, boolean bestEffort) {
        SeekInfo.Builder seek = SeekInfo.newBuilder().setStart(position).setStop(position)
                .setBehavior(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY);
        if (bestEffort) {
            seek.setErrorResponse(SeekInfo.SeekErrorResponse.BEST_EFFORT);
        }
        Envelope envelope = DeliverSeeks.request(channelId, env.signer(), seek.build(), ByteString.EMPTY);
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        StreamObserver<Object> responses = into(received);
        StreamObserver<Envelope> requests = orderer
                ? AtomicBroadcastGrpc.newStub(channel).deliver(adapt(responses))
                : DeliverGrpc.newStub(channel).deliver(adapt(responses));
        requests.onNext(envelope);
        try {
            Object first = take(received);
            Block block = blockOf(first);
            LoggerFactory.getLogger("channelCmd").info("Received block: {}", block.getHeader().getNumber());
            Object next = received.poll(5, TimeUnit.SECONDS); // Fabric flushes the SUCCESS that ends the seek
            if (next != null && statusOf(next) != Status.SUCCESS) {
                LoggerFactory.getLogger("channelCmd").error("Expect status to be SUCCESS, got: {}", statusOf(next));
            }
            return block;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("error receiving: interrupted", e);
        } finally {
            requests.onCompleted();
        }
    }

    /** Sends one envelope to the orderer's Broadcast; Fabric's {@code got unexpected status: S -- info} if refused. */
    public void broadcast(Envelope envelope) {
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel).broadcast(adapt(into(received)));
        requests.onNext(envelope);
        try {
            Object answer = take(received);
            if (answer instanceof Throwable t) {
                throw new CliException(describe(t), t);
            }
            if (!(answer instanceof BroadcastResponse r)) {
                throw new CliException("EOF");
            }
            if (r.getStatus() != Status.SUCCESS) {
                throw new CliException("got unexpected status: " + r.getStatus() + " -- " + r.getInfo());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("could not send to orderer node: interrupted", e);
        } finally {
            requests.onCompleted();
        }
    }

    /** A stream's responses, its error or its end ({@code TRUE}), queued for the calling thread. */
    private static StreamObserver<Object> into(BlockingQueue<Object> received) {
        return new StreamObserver<>() {
            @Override
            public void onNext(Object value) {
                received.add(value);
            }

            @Override
            public void onError(Throwable t) {
                received.add(t);
            }

            @Override
            public void onCompleted() {
                received.add(Boolean.TRUE);
            }
        };
    }

    private static Object take(BlockingQueue<Object> received) throws InterruptedException {
        Object o = received.poll(RECEIVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (o == null) {
            throw new CliException("error receiving: timed out after " + RECEIVE_TIMEOUT.toMinutes() + "m");
        }
        return o;
    }

    private static Block blockOf(Object response) {
        if (response instanceof Throwable t) {
            throw new CliException("error receiving: " + describe(t), t);
        }
        if (response instanceof org.hyperledger.fabric.protos.orderer.DeliverResponse r) {
            if (r.hasBlock()) {
                return r.getBlock();
            }
            throw new CliException("can't read the block: &{" + r.getStatus() + "}");
        }
        if (response instanceof org.hyperledger.fabric.protos.peer.DeliverResponse r) {
            if (r.hasBlock()) {
                return r.getBlock();
            }
            if (r.getTypeCase() == org.hyperledger.fabric.protos.peer.DeliverResponse.TypeCase.STATUS) {
                throw new CliException("can't read the block: &{" + r.getStatus() + "}");
            }
            throw new CliException("error receiving from peer deliver service: response error: unknown type "
                    + r.getTypeCase());
        }
        throw new CliException("error receiving: EOF");
    }

    private static Status statusOf(Object response) {
        if (response instanceof org.hyperledger.fabric.protos.orderer.DeliverResponse r) {
            return r.getStatus();
        }
        if (response instanceof org.hyperledger.fabric.protos.peer.DeliverResponse r) {
            return r.getStatus();
        }
        return Status.UNKNOWN;
    }

    private static String describe(Throwable t) {
        return t instanceof io.grpc.StatusRuntimeException e ? RpcErrors.describe(e) : t.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> StreamObserver<T> adapt(StreamObserver<Object> observer) {
        return (StreamObserver<T>) (StreamObserver<?>) observer;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
}
