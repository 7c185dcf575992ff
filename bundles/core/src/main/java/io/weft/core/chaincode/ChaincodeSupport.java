package io.weft.core.chaincode;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import com.google.protobuf.InvalidProtocolBufferException;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptors;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.comm.Blocking;
import io.weft.comm.GrpcClientSettings;
import io.weft.comm.HostPort;
import io.weft.core.chaincode.launch.ChaincodeServerInfo;
import io.weft.core.chaincode.launch.ChaincodeLauncher;
import io.weft.core.chaincode.launch.LaunchException;
import io.weft.core.grpc.ClientCertificateInterceptor;
import io.weft.ledger.history.HistoryQueryExecutor;
import io.weft.ledger.txmgr.TxSimulator;

/**
 * Fabric's {@code ChaincodeSupport} in dev mode: chaincodes register themselves on the chaincode listener
 * ({@link #service()}); {@link #execute} runs a transaction on a registered chaincode.
 */
public class ChaincodeSupport implements AutoCloseable {

    /** Fabric's default {@code ledger.state.totalQueryLimit}. */
    public static final int DEFAULT_TOTAL_QUERY_LIMIT = 10_000;

    private final HandlerRegistry registry = new HandlerRegistry();
    private final ExecutorService executor;
    private final ScheduledExecutorService keepalives;
    private final ChaincodeSupportService service;
    private volatile long executeTimeoutMillis;
    private volatile ChaincodeLauncher launcher;
    private volatile ChaincodeInvoker invoker;
    private final int totalQueryLimit;
    private final ChannelConfigs channels;
    private EventLoopGroup clientGroup;

    /**
     * @param executeTimeoutMillis {@code chaincode.executetimeout}
     * @param keepaliveMillis {@code chaincode.keepalive}; 0 sends none
     */
    public ChaincodeSupport(long executeTimeoutMillis, long keepaliveMillis) {
        this(executeTimeoutMillis, keepaliveMillis, DEFAULT_TOTAL_QUERY_LIMIT);
    }

    /**
     * @param totalQueryLimit {@code ledger.state.totalQueryLimit}: the most results one range or history query
     *        returns to the chaincode
     */
    public ChaincodeSupport(long executeTimeoutMillis, long keepaliveMillis, int totalQueryLimit) {
        this(executeTimeoutMillis, keepaliveMillis, totalQueryLimit, ChannelConfigs.NONE);
    }

    /**
     * @param channels the channels' current configs: collection member policies, implicit collections and the
     *        application capabilities that gate state metadata ({@code V1_3}) and purging ({@code V2_5})
     */
    public ChaincodeSupport(long executeTimeoutMillis, long keepaliveMillis, int totalQueryLimit,
            ChannelConfigs channels) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "weft-chaincode-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.executeTimeoutMillis = executeTimeoutMillis;
        this.totalQueryLimit = totalQueryLimit;
        this.channels = channels;
        this.service = new ChaincodeSupportService(registry, executor, totalQueryLimit,
                requireNonNull(channels, "channels"), () -> invoker);
        if (keepaliveMillis > 0) {
            keepalives = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "weft-chaincode-keepalive");
                t.setDaemon(true);
                return t;
            });
            keepalives.scheduleAtFixedRate(() -> registry.chaincodeIds().forEach(
                    id -> registry.handler(id).ifPresent(Handler::keepalive)), keepaliveMillis, keepaliveMillis,
                    TimeUnit.MILLISECONDS);
        } else {
            keepalives = null;
        }
    }

    /** The {@code protos.ChaincodeSupport} service to serve on the chaincode listener. */
    public BindableService service() {
        // the client certificate goes with each call, for the chaincode authenticator
        return () -> ServerInterceptors.intercept(service, new ClientCertificateInterceptor());
    }

    public HandlerRegistry registry() {
        return registry;
    }

    public long executeTimeoutMillis() {
        return executeTimeoutMillis;
    }

    /** Whether a chaincode of this name (dev mode: {@code name} or {@code name:version}) is registered and ready. */
    public boolean isRunning(String chaincodeName) {
        return registry.handlerForName(chaincodeName).isPresent();
    }

    /**
     * Runs a transaction on the chaincode registered as {@code chaincodeName} (or {@code name:version}, dev mode) with
     * {@code chaincode.executetimeout}: its state requests read and write {@code simulator} in the chaincode's
     * namespace.
     *
     * @return the chaincode's COMPLETED or ERROR message
     * @throws ChaincodeException when it is not running, on timeout or when its stream ends
     */
    public ChaincodeMessage execute(String channelId, String txId, String chaincodeName, ChaincodeInput input,
            TxSimulator simulator) {
        return execute(channelId, txId, chaincodeName, input, null, simulator, executeTimeoutMillis);
    }

    public ChaincodeMessage execute(String channelId, String txId, String chaincodeName, ChaincodeInput input,
            SignedProposal proposal, TxSimulator simulator, long timeoutMillis) {
        return execute(channelId, txId, chaincodeName, input, proposal, simulator, null, timeoutMillis);
    }

    /** As above, serving GET_HISTORY_FOR_KEY from {@code history} (null: the history database is not enabled). */
    public ChaincodeMessage execute(String channelId, String txId, String chaincodeName, ChaincodeInput input,
            SignedProposal proposal, TxSimulator simulator, HistoryQueryExecutor history, long timeoutMillis) {
        return execute(ChaincodeMessage.Type.TRANSACTION, channelId, txId, chaincodeName, chaincodeName, input,
                proposal, simulator, history, timeoutMillis);
    }

    /**
     * Launches chaincodes that are not running with {@code launcher} (Fabric's net mode); null: users start them
     * (dev mode).
     */
    public void launchWith(ChaincodeLauncher launcher) {
        this.launcher = launcher;
    }

    /**
     * Lets only chaincodes that present the client certificate {@code authenticator} issued them register (the
     * chaincode listener runs TLS with its CA); set before chaincodes connect.
     */
    public void authenticateWith(ChaincodeAuthenticator authenticator) {
        service.authenticateWith(authenticator);
    }

    /** Serves chaincode-to-chaincode calls with {@code invoker} (null: they fail). */
    public void invokeWith(ChaincodeInvoker invoker) {
        this.invoker = invoker;
    }

    /** The registrations a launcher waits for. */
    public ChaincodeLauncher.Registrations registrations() {
        return new ChaincodeLauncher.Registrations() {
            @Override
            public boolean isRegistered(String packageId) {
                return registry.isReady(packageId);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> registered(String packageId) {
                return registry.whenReady(packageId);
            }
        };
    }

    /**
     * Runs a transaction of chaincode {@code namespace} on the chaincode registered as {@code chaincodeId} (the
     * package ID, or {@code name:version}), launching it first when a launcher is set (Fabric's {@code Invoke}: the
     * launch, then the execution). Without a launcher (dev mode) a chaincode registered under its name serves too.
     */
    public ChaincodeMessage execute(ChaincodeMessage.Type type, String channelId, String txId, String namespace,
            String chaincodeId, ChaincodeInput input, SignedProposal proposal, TxSimulator simulator,
            HistoryQueryExecutor history, long timeoutMillis) {
        return Handler.await(executeAsync(type, channelId, txId, namespace, chaincodeId, input, proposal, simulator,
                history, timeoutMillis));
    }

    /**
     * As {@link #execute}, without waiting for the chaincode: the stage completes on the thread that receives its
     * answer. Only a launch blocks the caller (marked {@link Blocking}).
     */
    public CompletableFuture<ChaincodeMessage> executeAsync(ChaincodeMessage.Type type, String channelId, String txId,
            String namespace, String chaincodeId, ChaincodeInput input, SignedProposal proposal, TxSimulator simulator,
            HistoryQueryExecutor history, long timeoutMillis) {
        Handler handler;
        try {
            handler = handlerFor(namespace, chaincodeId);
        } catch (ChaincodeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return handler.executeAsync(type, channelId, txId, namespace, input, proposal, simulator, history,
                timeoutMillis).exceptionallyCompose(t -> CompletableFuture.failedFuture(new ChaincodeException(
                        // Fabric's processChaincodeExecutionResult
                        "failed to execute transaction " + txId + ": " + Handler.cause(t).getMessage())));
    }

    private Handler handlerFor(String namespace, String chaincodeId) {
        if (registry.isReady(chaincodeId)) {
            return registry.handler(chaincodeId).orElseThrow(() -> new ChaincodeException(notRunning(namespace)));
        }
        ChaincodeLauncher l = launcher;
        if (l == null) {
            return registry.handlerForName(namespace).orElseThrow(() -> new ChaincodeException(notRunning(namespace)));
        }
        try {
            Blocking.call(() -> {
                try {
                    l.launch(chaincodeId);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ChaincodeException("could not launch chaincode " + chaincodeId + ": interrupted");
                }
                return null;
            });
        } catch (LaunchException e) {
            throw new ChaincodeException("could not launch chaincode " + chaincodeId + ": " + e.getMessage());
        }
        return registry.handler(chaincodeId).orElseThrow(() -> new ChaincodeException(
                "claimed to start chaincode container for " + chaincodeId + " but could not find handler"));
    }

    /**
     * Fabric's chaincode-as-a-service connection: dials the chaincode server, opens its {@code Chaincode/Connect}
     * stream and serves the shim protocol on it as on a registration; the chaincode registers first.
     *
     * @return completes when the stream has ended
     */
    public CompletableFuture<Void> connect(String packageId, ChaincodeServerInfo server) throws LaunchException {
        Path tlsDir = null;
        ManagedChannel channel;
        try {
            java.util.List<Path> roots = java.util.List.of();
            Optional<Path> cert = Optional.empty();
            Optional<Path> key = Optional.empty();
            if (server.tlsRequired()) {
                tlsDir = Files.createTempDirectory("weft-ccaas");
                roots = java.util.List.of(Files.writeString(tlsDir.resolve("root.pem"), server.rootCert()));
                if (server.clientAuthRequired()) {
                    cert = Optional.of(Files.writeString(tlsDir.resolve("client.pem"), server.clientCert()));
                    key = Optional.of(Files.writeString(tlsDir.resolve("client.key"), server.clientKey()));
                }
            }
            channel = new GrpcClientSettings(HostPort.parse(server.address()), server.tlsRequired(), roots,
                    Optional.empty(), cert, key, server.dialTimeout(), 100 << 20).connect(clientGroup());
        } catch (IOException | RuntimeException e) {
            throw new LaunchException("error creating grpc connection to " + server.address() + ": " + e.getMessage(), e);
        } finally {
            if (tlsDir != null) {
                io.weft.core.chaincode.launch.Builds.deleteTree(tlsDir);
            }
        }
        DeferredObserver out = new DeferredObserver();
        Handler handler = new Handler(out, registry, executor, totalQueryLimit, channels, () -> invoker);
        out.target = ChaincodeGrpc.newStub(channel).connect(handler);
        handler.terminated().whenComplete((v, t) -> channel.shutdownNow());
        return handler.terminated();
    }

    /** Requests to a chaincode server, whose stream exists only once the handler that reads it does. */
    private static final class DeferredObserver implements StreamObserver<ChaincodeMessage> {
        volatile StreamObserver<ChaincodeMessage> target;

        @Override
        public void onNext(ChaincodeMessage value) {
            target.onNext(value);
        }

        @Override
        public void onError(Throwable t) {
            target.onError(t);
        }

        @Override
        public void onCompleted() {
            target.onCompleted();
        }
    }

    private synchronized EventLoopGroup clientGroup() {
        if (clientGroup == null) {
            clientGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("weft-ccaas", true));
        }
        return clientGroup;
    }

    /** Weft's answer for a chaincode no instance of which has registered. */
    public static String notRunning(String chaincodeName) {
        return "chaincode " + chaincodeName + " is not running (start it in dev mode)";
    }

    /**
     * Fabric's reading of the chaincode's answer: COMPLETED carries the {@link Response}; ERROR becomes
     * {@code transaction returned with failure: <payload>}.
     */
    public static Response response(ChaincodeMessage msg, String txId) {
        switch (msg.getType()) {
            case COMPLETED:
                try {
                    return Response.parseFrom(msg.getPayload());
                } catch (InvalidProtocolBufferException e) {
                    throw new ChaincodeException("failed to unmarshal response for transaction " + txId + ": "
                            + e.getMessage());
                }
            case ERROR:
                throw new ChaincodeException("transaction returned with failure: " + msg.getPayload().toStringUtf8());
            default:
                throw new ChaincodeException("unexpected response type " + msg.getTypeValue() + " for transaction "
                        + txId);
        }
    }

    void setExecuteTimeoutMillis(long millis) {
        executeTimeoutMillis = millis;
    }

    /** Ends every chaincode stream. */
    @Override
    public void close() {
        ChaincodeLauncher l = launcher;
        if (l != null) {
            l.close();
        }
        if (keepalives != null) {
            keepalives.shutdownNow();
        }
        registry.chaincodeIds().forEach(id -> registry.handler(id).ifPresent(Handler::close));
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        synchronized (this) {
            if (clientGroup != null) {
                clientGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            }
        }
    }
}
