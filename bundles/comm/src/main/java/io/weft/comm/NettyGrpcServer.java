package io.weft.comm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * One started Netty gRPC server with its own threads: an acceptor, {@code ioThreads} event loops and a cached pool
 * for calls (so no call runs on an event loop). Shared by the peer's listener, the chaincode listener and the embedded
 * orderer's listener.
 */
public final class NettyGrpcServer {

    private final NioEventLoopGroup boss;
    private final NioEventLoopGroup workers;
    private final ExecutorService executor;
    private final Server server;

    private NettyGrpcServer(NioEventLoopGroup boss, NioEventLoopGroup workers, ExecutorService executor, Server server) {
        this.boss = boss;
        this.workers = workers;
        this.executor = executor;
        this.server = server;
    }

    /**
     * Builds and starts the server; on failure every thread it made is stopped again.
     *
     * @param threadPrefix names the threads ({@code <prefix>-accept}, {@code -io}, {@code -call})
     * @param configure    adds services, registries and interceptors to the builder
     */
    public static NettyGrpcServer start(GrpcServerSettings settings, String threadPrefix, int ioThreads,
            UnaryOperator<NettyServerBuilder> configure) throws IOException {
        NioEventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory(threadPrefix + "-accept", true));
        NioEventLoopGroup workers = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory(threadPrefix + "-io", true));
        ExecutorService executor = Executors.newCachedThreadPool(named(threadPrefix + "-call"));
        try {
            Server server = configure.apply(settings.builder(boss, workers, executor)).build().start();
            return new NettyGrpcServer(boss, workers, executor, server);
        } catch (IOException | RuntimeException e) {
            stopThreads(boss, workers, executor);
            throw e;
        }
    }

    /** {@code listen} with the port the server actually bound (port 0 picks a free one). */
    public HostPort bound(HostPort listen) {
        return listen.withPort(((InetSocketAddress) server.getListenSockets().get(0)).getPort());
    }

    /** Lets calls in flight finish for up to 5 s, then stops the server and its threads. */
    public void stop() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        stopThreads(boss, workers, executor);
    }

    private static void stopThreads(NioEventLoopGroup boss, NioEventLoopGroup workers, ExecutorService executor) {
        executor.shutdownNow();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
