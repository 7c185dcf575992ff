package io.weft.core.chaincode.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;

/**
 * Fabric's runtime launcher for external builders: the first transaction for a package builds it (or reuses its kept
 * build), starts {@code bin/run} with a {@code chaincode.json} pointing at the chaincode listener, and waits for the
 * chaincode to register, at most {@code chaincode.startuptimeout}. Concurrent launches of one package share one
 * start; a failed start is forgotten so that the next transaction tries again. Thread-safe.
 */
public final class ChaincodeLauncher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.weft.core.chaincode.launch");
    private static final long STOP_GRACE_MILLIS = 5_000;
    private static final Gson GSON = new Gson();

    /** Where installed packages come from. */
    @FunctionalInterface
    public interface Packages {
        /** The package's {@code metadata.json} and code, or null when it is not installed. */
        Contents contents(String packageId) throws IOException;
    }

    /** An installed package's parts a builder needs. */
    public record Contents(byte[] metadataJson, CodeWriter code) {
    }

    /** Dials a chaincode server (chaincode as a service) and runs the shim protocol over the connection. */
    @FunctionalInterface
    public interface Connector {
        /**
         * Connects to the chaincode server of {@code packageId}; the chaincode then registers over the connection.
         *
         * @return completes when the connection has ended
         * @throws LaunchException the server could not be reached
         */
        CompletableFuture<Void> connect(String packageId, ChaincodeServerInfo server) throws LaunchException;
    }

    /** The chaincode listener's registrations. */
    public interface Registrations {
        boolean isRegistered(String packageId);

        /** Completes when a chaincode registers as {@code packageId}. */
        CompletableFuture<Void> registered(String packageId);
    }

    /**
     * What a started chaincode is told (Fabric's {@code chaincode.json}).
     *
     * @param peerAddress the chaincode listener's address as chaincodes reach it
     * @param mspId the peer's organization
     * @param tls the TLS material each started chaincode gets (none when the listener runs plaintext)
     */
    public record Connection(String peerAddress, String mspId, TlsCredentials tls) {

        /** A plaintext chaincode listener. */
        public Connection(String peerAddress, String mspId) {
            this(peerAddress, mspId, packageId -> Optional.empty());
        }
    }

    /** Issues a started chaincode its TLS client certificate (Fabric's chaincode authenticator). */
    @FunctionalInterface
    public interface TlsCredentials {
        /** A fresh certificate for the chaincode that will register as {@code packageId}; empty: TLS is off. */
        Optional<Credentials> issue(String packageId);
    }

    /**
     * The PEM blocks of {@code chaincode.json}.
     *
     * @param clientCert the chaincode's client certificate
     * @param clientKey its PKCS#8 private key
     * @param rootCert the CA of the chaincode listener's server certificate
     */
    public record Credentials(String clientCert, String clientKey, String rootCert) {
    }

    private final Builds builds;
    private final Packages packages;
    private final Connector connector;
    private final Registrations registrations;
    private final Connection connection;
    private final long startupTimeoutMillis;
    private final Map<String, CompletableFuture<Void>> launching = new ConcurrentHashMap<>();
    private final Map<String, ChaincodeProcess> running = new ConcurrentHashMap<>();

    public ChaincodeLauncher(Builds builds, Packages packages, Registrations registrations, Connection connection,
            long startupTimeoutMillis) {
        this(builds, packages, registrations, connection, startupTimeoutMillis, (id, server) -> {
            throw new LaunchException("connection to " + id + " failed: no connector for chaincode servers");
        });
    }

    public ChaincodeLauncher(Builds builds, Packages packages, Registrations registrations, Connection connection,
            long startupTimeoutMillis, Connector connector) {
        this.connector = connector;
        this.builds = builds;
        this.packages = packages;
        this.registrations = registrations;
        this.connection = connection;
        this.startupTimeoutMillis = startupTimeoutMillis;
    }

    /**
     * Makes sure the chaincode of {@code packageId} runs and has registered.
     *
     * @throws LaunchException with Fabric's message: build failure, exit before registering, timeout
     */
    public void launch(String packageId) throws LaunchException, InterruptedException {
        if (registrations.isRegistered(packageId)) {
            return;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> start = launching.putIfAbsent(packageId, mine);
        if (start == null) {
            start = mine;
            // building can take minutes: never on a caller's (gRPC) thread
            Thread builder = new Thread(() -> start(packageId, mine), "launch-" + packageId);
            builder.setDaemon(true);
            builder.start();
        }
        try {
            start.get(startupTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof LaunchException l ? l : new LaunchException(String.valueOf(cause.getMessage()), cause);
        } catch (TimeoutException e) {
            LaunchException timeout = new LaunchException("timeout expired while starting chaincode " + packageId
                    + " for transaction");
            if (start.completeExceptionally(timeout)) {
                stop(packageId);
            }
            throw timeout;
        }
    }

    private void start(String packageId, CompletableFuture<Void> result) {
        try {
            BuiltChaincode built = build(packageId);
            CompletableFuture<Void> registered = registrations.registered(packageId);
            if (built.connectionJson().isPresent()) {
                ChaincodeServerInfo server = ChaincodeServerInfo.read(built.connectionJson().get());
                CompletableFuture<Void> ended;
                try {
                    ended = connector.connect(packageId, server);
                } catch (LaunchException e) {
                    throw e.wrap("connection to " + packageId + " failed");
                }
                ended.whenComplete((v, t) -> {
                    launching.remove(packageId, result);
                    result.completeExceptionally(new LaunchException("chaincode registration failed: connection to "
                            + packageId + " terminated"));
                });
                registered.whenComplete((v, t) -> {
                    if (t == null) {
                        result.complete(null);
                    }
                });
                LOG.info("Connected to chaincode server {} for {}", server.address(), packageId);
                return;
            }
            ChaincodeProcess process = run(built);
            running.put(packageId, process);
            process.exit().whenComplete((code, t) -> {
                running.remove(packageId, process);
                launching.remove(packageId, result);
                result.completeExceptionally(new LaunchException("chaincode registration failed: container exited with "
                        + code));
                LOG.info("Chaincode {} exited with {}", packageId, code);
            });
            registered.whenComplete((v, t) -> {
                if (t == null) {
                    result.complete(null);
                }
            });
        } catch (LaunchException e) {
            launching.remove(packageId, result);
            result.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            launching.remove(packageId, result);
            result.completeExceptionally(new LaunchException("launch of " + packageId + " interrupted", e));
        } catch (RuntimeException e) {
            launching.remove(packageId, result);
            result.completeExceptionally(new LaunchException("error building chaincode: " + e, e));
        }
    }

    /** The package's build: kept, or made now. */
    public BuiltChaincode build(String packageId) throws LaunchException, InterruptedException {
        try {
            var cached = builds.cached(packageId);
            if (cached.isPresent()) {
                return cached.get();
            }
            Contents contents = packages.contents(packageId);
            if (contents == null) {
                throw new LaunchException("chaincode install package '" + packageId + "' not found");
            }
            return builds.build(packageId, contents.metadataJson(), contents.code()).orElseThrow(
                    () -> new LaunchException("chaincode '" + packageId + "' could not be built: no external builder "
                            + "in chaincode.externalBuilders detected it"));
        } catch (IOException e) {
            throw new LaunchException("error building chaincode: " + e.getMessage(), e);
        } catch (LaunchException e) {
            throw e.wrap("error building chaincode");
        }
    }

    private ChaincodeProcess run(BuiltChaincode built) throws LaunchException {
        Path runDir;
        try {
            runDir = Files.createTempDirectory("weft-run");
            Map<String, String> config = new LinkedHashMap<>();
            config.put("chaincode_id", built.packageId());
            config.put("peer_address", connection.peerAddress());
            Optional<Credentials> tls = connection.tls().issue(built.packageId());
            config.put("client_cert", tls.map(Credentials::clientCert).orElse(""));
            config.put("client_key", tls.map(Credentials::clientKey).orElse(""));
            config.put("root_cert", tls.map(Credentials::rootCert).orElse(""));
            config.put("mspid", connection.mspId());
            Files.writeString(runDir.resolve("chaincode.json"), GSON.toJson(config));
        } catch (IOException e) {
            throw new LaunchException("could not write chaincode.json: " + e.getMessage(), e);
        }
        if (!Files.isExecutable(built.builder().location().resolve("bin").resolve("run"))) {
            Builds.deleteTree(runDir);
            throw new LaunchException("error starting container: builder '" + built.builder().name()
                    + "' has no bin/run and the release names no chaincode server");
        }
        ChaincodeProcess process = built.builder().start(built.bldDir(), runDir);
        process.exit().whenComplete((c, t) -> Builds.deleteTree(runDir));
        LOG.info("Started chaincode {} with builder '{}'", built.packageId(), built.builder().name());
        return process;
    }

    /** Stops the chaincode process of {@code packageId}, if this launcher started one. */
    public void stop(String packageId) {
        ChaincodeProcess process = running.remove(packageId);
        if (process != null) {
            try {
                process.stop(STOP_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        running.keySet().forEach(this::stop);
    }
}
