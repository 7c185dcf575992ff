package io.weft.comm;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * A gRPC server's settings as Fabric's {@code comm.ServerConfig} has them.
 *
 * @param address where to listen
 * @param tls TLS and mutual TLS
 * @param keepaliveInterval idle time after which the server pings a client ({@code peer.keepalive.interval})
 * @param keepaliveTimeout how long it waits for the ping's answer ({@code peer.keepalive.timeout})
 * @param keepaliveMinInterval the most often a client may ping ({@code peer.keepalive.minInterval})
 * @param maxRecvMsgSize the largest message accepted
 */
public record GrpcServerSettings(HostPort address, TlsSettings tls, Duration keepaliveInterval, Duration keepaliveTimeout,
        Duration keepaliveMinInterval, int maxRecvMsgSize) {

    public GrpcServerSettings {
        requireNonNull(address, "address");
        requireNonNull(tls, "tls");
        requireNonNull(keepaliveInterval, "keepaliveInterval");
        requireNonNull(keepaliveTimeout, "keepaliveTimeout");
        requireNonNull(keepaliveMinInterval, "keepaliveMinInterval");
    }

    /**
     * A Netty server builder for these settings on the given event loops (NIO: one transport in the
     * runtime, no native library); handlers run on {@code executor}, never on an event loop.
     */
    public NettyServerBuilder builder(EventLoopGroup boss, EventLoopGroup workers, Executor executor) throws IOException {
        NettyServerBuilder b = NettyServerBuilder.forAddress(address.socketAddress())
                .channelType(NioServerSocketChannel.class)
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .executor(executor)
                .maxInboundMessageSize(maxRecvMsgSize)
                .keepAliveTime(keepaliveInterval.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(keepaliveTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveTime(keepaliveMinInterval.toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true);
        if (tls.enabled()) {
            b.sslContext(TlsContexts.grpcServer(tls));
        }
        return b;
    }
}
