package io.weft.comm;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.NegotiationType;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;

/**
 * How a client (the CLI, the delivery client) dials a Fabric endpoint.
 *
 * @param address the endpoint
 * @param tls whether to use TLS
 * @param rootCertificates the CAs to trust for the server's certificate
 * @param serverNameOverride the host name to expect in the server certificate, if not the address's
 * @param clientCertificate client certificate for mutual TLS
 * @param clientKey its key
 * @param connectTimeout how long to wait for the connection
 * @param maxMessageSize the largest message sent or received
 */
public record GrpcClientSettings(HostPort address, boolean tls, List<Path> rootCertificates, Optional<String> serverNameOverride,
        Optional<Path> clientCertificate, Optional<Path> clientKey, Duration connectTimeout, int maxMessageSize) {

    public GrpcClientSettings {
        requireNonNull(address, "address");
        rootCertificates = List.copyOf(rootCertificates);
        requireNonNull(serverNameOverride, "serverNameOverride");
        requireNonNull(clientCertificate, "clientCertificate");
        requireNonNull(clientKey, "clientKey");
        requireNonNull(connectTimeout, "connectTimeout");
    }

    /**
     * A channel connected within {@link #connectTimeout()}, as Fabric dials with {@code WithBlock}: a
     * peer that is not there fails here, not at the first call.
     *
     * @throws IOException {@code failed to create new connection: context deadline exceeded} on timeout
     */
    public ManagedChannel connect(EventLoopGroup group) throws IOException {
        return awaitReady(open(group), connectTimeout, address.toString());
    }

    /**
     * Waits until {@code channel} is connected, at most {@code connectTimeout}; shuts it down on failure.
     *
     * @throws IOException {@code failed to create new connection: context deadline exceeded} on timeout
     */
    public static ManagedChannel awaitReady(ManagedChannel channel, Duration connectTimeout, String address)
            throws IOException {
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY) {
            if (state == ConnectivityState.SHUTDOWN) { // its owner gave up on it
                throw new IOException("connection to " + address + " was shut down");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                channel.shutdownNow();
                throw new IOException("failed to create new connection: context deadline exceeded");
            }
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            try {
                changed.await(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.shutdownNow();
                throw new IOException("interrupted while connecting to " + address, e);
            }
            state = channel.getState(true);
        }
        return channel;
    }

    /** A channel to the endpoint (connecting lazily); the caller shuts it down. */
    public ManagedChannel open(EventLoopGroup group) throws IOException {
        HostPort target = address.host().isEmpty() ? new HostPort("127.0.0.1", address.port()) : address;
        NettyChannelBuilder b = builder(target, group, maxMessageSize, connectTimeout,
                tls ? TlsContexts.grpcClient(rootCertificates, clientCertificate, clientKey) : null)
                .idleTimeout(5, TimeUnit.MINUTES);
        if (tls) {
            serverNameOverride.ifPresent(b::overrideAuthority);
        }
        return b.build();
    }

    /**
     * A client channel builder as Weft's clients dial: NIO on {@code group}, the largest inbound message, the
     * connect timeout, and TLS with {@code ssl} ({@code null}: plaintext).
     */
    public static NettyChannelBuilder builder(HostPort address, EventLoopGroup group, int maxMessageSize,
            Duration connectTimeout, SslContext ssl) {
        NettyChannelBuilder b = NettyChannelBuilder.forAddress(address.host(), address.port())
                .channelType(NioSocketChannel.class)
                .eventLoopGroup(group)
                .maxInboundMessageSize(maxMessageSize)
                .withOption(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
        if (ssl != null) {
            b.sslContext(ssl).negotiationType(NegotiationType.TLS);
        } else {
            b.usePlaintext();
        }
        return b;
    }
}
