package io.weft.comm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * One started Netty gRPC server with its own threads: an acceptor, {@code ioThreads} event loops, a cached pool for
 * calls that may block, and a work-stealing pool of one thread per processor for the services that declare their
 * handlers never block (no call runs on an event loop). Shared by the peer's listener, the chaincode listener and
 * the embedded orderer's listener.
 */
public final class NettyGrpcServer {

    private final NioEventLoopGroup boss;
    private final NioEventLoopGroup workers;
    private final ExecutorService executor;
    private final ForkJoinPool compute;
    private final Server server;

    private NettyGrpcServer(NioEventLoopGroup boss, NioEventLoopGroup workers, ExecutorService executor,
            ForkJoinPool compute, Server server) {
        this.boss = boss;
        this.workers = workers;
        this.executor = executor;
        this.compute = compute;
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
        return start(settings, threadPrefix, ioThreads, null, configure);
    }

    /**
     * As above; the calls of the services {@code nonBlocking} accepts (by full service name) run on the work-stealing
     * pool ({@code weft-work}, one per JVM: the servers share it, so a thread done with one server's
     * call finds the next server's without being woken), and so does each call's start (grpc-java looks the method up and starts the call
     * on the server's default executor before it asks which executor the call's messages run on): a cached pool's
     * hand-off parks and wakes a thread per message, the main cost of a short call on few cores. The other services'
     * messages run on the cached pool. Handlers on the work-stealing pool, and every streaming method's body, must not
     * wait for other calls; where they may block briefly (a launch, an administrative system chaincode) they say so
     * through {@link Blocking}, and the pool adds a thread meanwhile.
     */
    public static NettyGrpcServer start(GrpcServerSettings settings, String threadPrefix, int ioThreads,
            Predicate<String> nonBlocking, UnaryOperator<NettyServerBuilder> configure) throws IOException {
        // null nonBlocking: every call on the cached pool
        NioEventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory(threadPrefix + "-accept", true));
        NioEventLoopGroup workers = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory(threadPrefix + "-io", true));
        ExecutorService executor = Executors.newCachedThreadPool(named(threadPrefix + "-call"));
        ForkJoinPool compute = nonBlocking == null ? null : WorkPool.acquire();
        try {
            NettyServerBuilder builder;
            if (compute == null) {
                builder = settings.builder(boss, workers, executor);
            } else {
                builder = settings.builder(boss, workers, compute).callExecutor(new ServerCallExecutorSupplier() {
                    @Override
                    public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
                        return nonBlocking.test(call.getMethodDescriptor().getServiceName()) ? null : executor;
                    }
                });
            }
            Server server = configure.apply(builder).build().start();
            return new NettyGrpcServer(boss, workers, executor, compute, server);
        } catch (IOException | RuntimeException e) {
            stopThreads(boss, workers, executor, compute);
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
        stopThreads(boss, workers, executor, compute);
    }

    private static void stopThreads(NioEventLoopGroup boss, NioEventLoopGroup workers, ExecutorService executor,
            ForkJoinPool compute) {
        executor.shutdownNow();
        if (compute != null) {
            WorkPool.release();
        }
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
