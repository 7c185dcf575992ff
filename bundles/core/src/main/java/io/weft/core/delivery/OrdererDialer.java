package io.weft.core.delivery;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.comm.GrpcClientSettings;
import io.weft.comm.HostPort;
import io.weft.comm.TlsContexts;

/**
 * Dials orderers as the peer's delivery client: TLS when {@code peer.tls.enabled}, trusting the endpoint's CAs from
 * the channel config and presenting the peer's client certificate (mutual TLS), connected within
 * {@code peer.deliveryclient.connTimeout}. One event loop serves every connection. Thread-safe.
 */
public final class OrdererDialer implements AutoCloseable {

    /** The peer's TLS client side; absent key and chain: TLS without a client certificate. */
    public record ClientTls(boolean enabled, Optional<PrivateKey> key, List<X509Certificate> chain) {

        public static final ClientTls PLAINTEXT = new ClientTls(false, Optional.empty(), List.of());

        public ClientTls {
            chain = List.copyOf(chain);
        }
    }

    private static final int MAX_MESSAGE_SIZE = 100 << 20; // Fabric's default for delivery

    private final ClientTls tls;
    private final Duration connectTimeout;
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("weft-deliver-io", true));

    public OrdererDialer(ClientTls tls, Duration connectTimeout) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
    }

    public ClientTls tls() {
        return tls;
    }

    /** A channel to {@code endpoint}, not yet connected ({@link #awaitReady}); the caller shuts it down. */
    public ManagedChannel open(OrdererEndpoint endpoint) throws IOException {
        return GrpcClientSettings.builder(HostPort.parse(endpoint.address()), group, MAX_MESSAGE_SIZE, connectTimeout,
                tls.enabled() ? TlsContexts.grpcClient(endpoint.rootCertificates(), tls.key(), tls.chain()) : null)
                .build();
    }

    /** Waits for {@code channel} to connect, at most {@code peer.deliveryclient.connTimeout}. */
    public ManagedChannel awaitReady(ManagedChannel channel, OrdererEndpoint endpoint) throws IOException {
        return GrpcClientSettings.awaitReady(channel, connectTimeout, endpoint.address());
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
