package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.grpc.ManagedChannel;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.comm.PemFiles;
import io.weft.comm.TlsContexts;

/**
 * The orderer as its own process, as Fabric operators run it: {@code bin/orderer} as the vectors' orderer.example.com
 * with TLS and mutual TLS on (General and Admin), configured by orderer.yaml and an {@code ORDERER_} override; mychannel
 * joined through the channel participation API (osnadmin's REST call, Orderer Admin's client certificate); a
 * {@code bin/peer} of Org1 joins mychannel and pulls its blocks from that orderer over mutual TLS (the channel config's
 * 127.0.0.1:7050 overridden by {@code peer.deliveryclient.addressOverrides}); a transaction the CLI broadcasts is
 * committed on the peer; after a SIGKILL the restarted orderer serves the same height. A client whose certificate the
 * orderer's client root CAs do not cover (Org2's) gets neither Broadcast nor Deliver: the TLS handshake fails.
 */
class OrdererProcessIT {

    private static final Path ORDERER = Vectors.HOME.resolve(
            "crypto-config/ordererOrganizations/example.com/orderers/orderer.example.com");
    private static final Path ORDERER_ADMIN_TLS = Vectors.HOME.resolve(
            "crypto-config/ordererOrganizations/example.com/users/Admin@example.com/tls");
    private static final Path PEER_TLS = Vectors.org1().resolve("peers/peer0.org1.example.com/tls");
    private static final Path ORG1_ADMIN_TLS = Vectors.org1().resolve("users/Admin@org1.example.com/tls");
    private static final Path ORG2_USER_TLS = Vectors.HOME.resolve(
            "crypto-config/peerOrganizations/org2.example.com/users/User1@org2.example.com/tls");

    @TempDir
    Path work;

    @Test
    void aSeparateOrdererServesAPeerOverMutualTlsAndKeepsItsHeightOverASigkill() throws Exception {
        int ordererPort = FreePorts.next();
        int adminPort = FreePorts.next();
        String orderer = "127.0.0.1:" + ordererPort;
        Map<String, String> ordererEnv = ordererConfig(adminPort, ordererPort);
        Path ordererLog = work.resolve("orderer.log");

        try (PeerProcess peer = peer(orderer)) {
            OrdererProcess running = OrdererProcess.start(ordererEnv, ordererLog);
            try {
                assertThat(running.log()).contains("Starting orderer with mutual TLS enabled",
                        "Orderer OrdererMSP listening on " + orderer + " (TLS on)");
                HttpRequest joinOrderer = OrdererFeatureSettlesIT.join("https://127.0.0.1:" + adminPort
                        + "/participation/v1/channels", Files.readAllBytes(Vectors.HOME.resolve("mychannel.block")));
                HttpResponse<String> joined = adminClient().send(HttpRequest.newBuilder(joinOrderer, (name, value) -> true)
                        .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
                assertThat(joined.body()).contains("\"name\":\"mychannel\"", "\"height\":1");

                peer.start().awaitHealthy(Duration.ofSeconds(120));
                Map<String, String> admin = org1Admin(peer);
                Files.copy(Vectors.HOME.resolve("mychannel.block"), work.resolve("mychannel.block"));
                PeerCli.Result join = PeerCli.run(admin, work, "channel", "join", "-b", "mychannel.block");
                assertThat(join.exitCode()).as("%s", join).isZero();

                // broadcast by the CLI over mutual TLS, ordered into block 1, pulled by the peer, committed
                PeerCli.Result approve = PeerCli.run(admin, work, withOrderer(orderer, "lifecycle", "chaincode",
                        "approveformyorg", "-C", "mychannel", "-n", "basic", "-v", "1.0", "--sequence", "1"));
                assertThat(approve.exitCode()).as("%s", approve).isZero();
                assertThat(approve.err()).containsPattern("txid \\[\\w+\\] committed with status \\(VALID\\) at 127.0.0.1:"
                        + peer.peerPort);
                assertThat(PeerCli.run(admin, work, "channel", "getinfo", "-c", "mychannel").out())
                        .startsWith("Blockchain info: {\"height\":2,");
            } finally {
                running.kill();
            }

            try (OrdererProcess restarted = OrdererProcess.start(ordererEnv, ordererLog)) {
                Map<String, String> admin = org1Admin(peer);
                PeerCli.Result fetched = PeerCli.run(admin, work, withOrderer(orderer, "channel", "fetch", "newest",
                        "newest.block", "-c", "mychannel"));
                assertThat(fetched.err()).as("%s", fetched).contains("Received block: 1");
                HttpResponse<String> info = adminClient().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                        + adminPort + "/participation/v1/channels/mychannel")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(info.body()).as("%s", info).contains("\"height\":2");

                // the peer's own client certificate is accepted (its org's TLS CA is a client root), Org2's is not
                assertThat(deliverStatus(orderer, ORG1_ADMIN_TLS)).isEqualTo(Status.BAD_REQUEST);
                assertRefusedByTls(() -> deliverStatus(orderer, ORG2_USER_TLS));
                assertRefusedByTls(() -> broadcast(orderer, ORG2_USER_TLS));
                assertThat(restarted.log()).contains("Beginning to serve requests");
            }
        }
    }

    /** orderer.yaml as an operator writes it for orderer.example.com; the listen port comes from ORDERER_GENERAL_LISTENPORT. */
    private Map<String, String> ordererConfig(int adminPort, int ordererPort) throws Exception {
        Path config = Files.createDirectories(work.resolve("orderer-config"));
        Files.writeString(config.resolve("orderer.yaml"), """
                General:
                    ListenAddress: 127.0.0.1
                    ListenPort: 7050
                    TLS:
                        Enabled: true
                        PrivateKey: %1$s/tls/server.key
                        Certificate: %1$s/tls/server.crt
                        RootCAs: [%1$s/tls/ca.crt]
                        ClientAuthRequired: true
                        ClientRootCAs: [%1$s/tls/ca.crt, %2$s/ca.crt]
                    BootstrapMethod: none
                    LocalMSPDir: %1$s/msp
                    LocalMSPID: OrdererMSP
                FileLedger:
                    Location: %3$s
                Admin:
                    ListenAddress: 127.0.0.1:%4$d
                    TLS:
                        Enabled: true
                        PrivateKey: %1$s/tls/server.key
                        Certificate: %1$s/tls/server.crt
                        ClientAuthRequired: true
                        ClientRootCAs: [%1$s/tls/ca.crt]
                ChannelParticipation:
                    Enabled: true
                """.formatted(ORDERER, PEER_TLS, work.resolve("orderer-ledger"), adminPort));
        return Map.of("FABRIC_CFG_PATH", config.toString(), "ORDERER_GENERAL_LISTENPORT", String.valueOf(ordererPort));
    }

    /** peer0.org1 with TLS on, its block delivery sent from the channel config's orderer address to the test's. */
    private PeerProcess peer(String orderer) throws Exception {
        PeerProcess peer = new PeerProcess(work.resolve("peer"))
                .env("CORE_PEER_ID", "peer0.org1.example.com")
                .env("CORE_PEER_LOCALMSPID", "Org1MSP")
                .env("CORE_PEER_MSPCONFIGPATH", Vectors.org1PeerMsp().toString())
                .env("CORE_PEER_TLS_ENABLED", "true")
                .env("CORE_PEER_TLS_CERT_FILE", PEER_TLS.resolve("server.crt").toString())
                .env("CORE_PEER_TLS_KEY_FILE", PEER_TLS.resolve("server.key").toString())
                .env("CORE_PEER_TLS_ROOTCERT_FILE", PEER_TLS.resolve("ca.crt").toString());
        Path coreYaml = peer.configDir.resolve("core.yaml");
        String yaml = Files.readString(coreYaml);
        String overrides = "        addressOverrides:\n        #  - from:\n        #    to:\n        #    caCertsFile:\n";
        assertThat(yaml).contains(overrides);
        Files.writeString(coreYaml, yaml.replace(overrides, "        addressOverrides:\n          - from: 127.0.0.1:7050\n"
                + "            to: " + orderer + "\n            caCertsFile: " + ORDERER.resolve("tls/ca.crt") + "\n"));
        return peer;
    }

    private static Map<String, String> org1Admin(PeerProcess peer) {
        return Map.of("FABRIC_CFG_PATH", peer.configDir.toString(), "CORE_PEER_ADDRESS", "127.0.0.1:" + peer.peerPort,
                "CORE_PEER_LOCALMSPID", "Org1MSP", "CORE_PEER_MSPCONFIGPATH", Vectors.org1UserMsp("Admin").toString(),
                "CORE_PEER_TLS_ENABLED", "true", "CORE_PEER_TLS_ROOTCERT_FILE", PEER_TLS.resolve("ca.crt").toString(),
                // a loaded test machine: Fabric's 3 s default is too short for a TLS handshake there
                "CORE_PEER_CLIENT_CONNTIMEOUT", "30s");
    }

    /** {@code args} with the orderer flags of mutual TLS as Org1's admin. */
    private static String[] withOrderer(String orderer, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", orderer, "--connTimeout", "30s", "--tls", "--cafile", ORDERER.resolve("tls/ca.crt").toString(), "--clientauth",
                "--certfile", ORG1_ADMIN_TLS.resolve("client.crt").toString(), "--keyfile",
                ORG1_ADMIN_TLS.resolve("client.key").toString()));
        return all.toArray(String[]::new);
    }

    /** osnadmin's client: the orderer admin's TLS certificate, trusting the orderer's TLS CA. */
    private static HttpClient adminClient() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("admin", PemFiles.privateKey(ORDERER_ADMIN_TLS.resolve("client.key")), new char[0],
                PemFiles.certificates(ORDERER_ADMIN_TLS.resolve("client.crt")).toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", PemFiles.certificates(ORDERER.resolve("tls/ca.crt")).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A channel to the orderer presenting the TLS client certificate in {@code tls}. */
    private static ManagedChannel channel(String orderer, Path tls) throws Exception {
        return NettyChannelBuilder.forTarget(orderer).sslContext(TlsContexts.grpcClient(
                List.of(ORDERER.resolve("tls/ca.crt")), Optional.of(tls.resolve("client.crt")),
                Optional.of(tls.resolve("client.key")))).build();
    }

    /** Deliver with an empty envelope: the orderer's answer when the connection stands (BAD_REQUEST). */
    private static Status deliverStatus(String orderer, Path tls) throws Exception {
        return firstAnswer(orderer, tls, (stub, answer) -> stub.deliver(firstStatus(answer, DeliverResponse::getStatus)));
    }

    /** Broadcast of an empty envelope; its first answer. */
    private static Status broadcast(String orderer, Path tls) throws Exception {
        return firstAnswer(orderer, tls, (stub, answer) -> stub.broadcast(firstStatus(answer,
                BroadcastResponse::getStatus)));
    }

    /** Opens a stream with {@code open}, sends an empty envelope, returns the first status or throws the call's error. */
    private static Status firstAnswer(String orderer, Path tls,
            BiFunction<AtomicBroadcastGrpc.AtomicBroadcastStub, CompletableFuture<Status>, StreamObserver<Envelope>> open)
            throws Exception {
        ManagedChannel channel = channel(orderer, tls);
        try {
            CompletableFuture<Status> answer = new CompletableFuture<>();
            StreamObserver<Envelope> requests = open.apply(AtomicBroadcastGrpc.newStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS), answer);
            requests.onNext(Envelope.getDefaultInstance());
            try {
                return answer.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof StatusRuntimeException s ? s : e;
            }
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static <T> StreamObserver<T> firstStatus(CompletableFuture<Status> answer, Function<T, Status> status) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T response) {
                answer.complete(status.apply(response));
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                answer.completeExceptionally(new IllegalStateException("the stream ended without an answer"));
            }
        };
    }

    private interface Call {
        Status run() throws Exception;
    }

    /** The call fails as UNAVAILABLE with a TLS error underneath: the orderer refused the handshake. */
    private static void assertRefusedByTls(Call call) {
        StatusRuntimeException e = catchThrowableOfType(call::run, StatusRuntimeException.class);
        assertThat(e).as("the call was not refused").isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(Code.UNAVAILABLE);
        assertThat(e).hasRootCauseInstanceOf(SSLException.class);
    }
}
