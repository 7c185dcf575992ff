package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.netty.channel.nio.NioEventLoopGroup;
import io.weft.comm.GrpcClientSettings;
import io.weft.comm.HostPort;
import io.weft.comm.PemFiles;

/** TLS and mutual TLS on the peer's gRPC listener and on the operations endpoint, per peer.tls and operations.tls. */
class TlsIT {

    @TempDir
    Path work;

    private static HealthCheckResponse.ServingStatus health(PeerProcess peer, boolean clientCert) throws Exception {
        Path tls = peer.configDir.resolve("tls");
        GrpcClientSettings settings = new GrpcClientSettings(new HostPort("127.0.0.1", peer.peerPort), true,
                List.of(tls.resolve("ca.crt")), Optional.of("localhost"),
                clientCert ? Optional.of(tls.resolve("server.crt")) : Optional.empty(),
                clientCert ? Optional.of(tls.resolve("server.key")) : Optional.empty(), Duration.ofSeconds(5), 1 << 20);
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        ManagedChannel channel = settings.open(group);
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus();
        } finally {
            channel.shutdownNow();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    @Test
    void peerServesTlsAndTheCliFollowsPeerTlsSettings() throws Exception {
        try (PeerProcess peer = new PeerProcess(work).env("CORE_PEER_TLS_ENABLED", "true").start()
                .awaitHealthy(Duration.ofSeconds(60))) {
            assertThat(health(peer, false)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            // the CLI reads peer.tls.rootcert.file (tls/ca.crt) from the same core.yaml
            PeerCli.Result status = PeerCli.run(peer.env(), work, "node", "status");
            assertThat(status.out()).as("%s", status).isEqualTo("status:STARTED\n");
            Map<String, String> plain = new HashMap<>(peer.env());
            plain.put("CORE_PEER_TLS_ENABLED", "false");
            assertThat(PeerCli.run(plain, work, "node", "status").exitCode()).isEqualTo(1);
        }
    }

    @Test
    void mutualTlsRefusesClientsWithoutACertificate() throws Exception {
        try (PeerProcess peer = new PeerProcess(work).env("CORE_PEER_TLS_ENABLED", "true")
                .env("CORE_PEER_TLS_CLIENTAUTHREQUIRED", "true").start().awaitHealthy(Duration.ofSeconds(60))) {
            assertThat(health(peer, true)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThatThrownBy(() -> health(peer, false)).isInstanceOf(StatusRuntimeException.class);

            Map<String, String> env = new HashMap<>(peer.env());
            PeerCli.Result noClientCert = PeerCli.run(env, work, "node", "status");
            assertThat(noClientCert.exitCode()).isEqualTo(1);
            assertThat(noClientCert.err()).contains("unable to load peer.tls.clientKey.file");
            env.put("CORE_PEER_TLS_CLIENTKEY_FILE", "tls/server.key");
            env.put("CORE_PEER_TLS_CLIENTCERT_FILE", "tls/server.crt");
            PeerCli.Result withCert = PeerCli.run(env, work, "node", "status");
            assertThat(withCert.out()).as("%s", withCert).isEqualTo("status:STARTED\n");
        }
    }

    @Test
    void operationsTlsAsksForAClientCertificateOnLogspecOnly() throws Exception {
        try (PeerProcess peer = new PeerProcess(work).env("CORE_OPERATIONS_TLS_ENABLED", "true")
                .env("CORE_OPERATIONS_TLS_CERT_FILE", "tls/server.crt").env("CORE_OPERATIONS_TLS_KEY_FILE", "tls/server.key")
                .env("CORE_OPERATIONS_TLS_CLIENTROOTCAS_FILES", "tls/ca.crt").start()) {
            Path tls = peer.configDir.resolve("tls");
            HttpClient anonymous = HttpClient.newBuilder().sslContext(ssl(tls, false)).build();
            HttpClient withCert = HttpClient.newBuilder().sslContext(ssl(tls, true)).build();
            String base = "https://localhost:" + peer.operationsPort;
            // /healthz needs no client certificate: the anonymous client sees the peer come up
            peer.awaitHealthy(Duration.ofSeconds(60), anonymous, base);
            assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(base + "/logspec")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(withCert.send(HttpRequest.newBuilder(URI.create(base + "/logspec")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"spec\":\"info\"}\n");
        }
    }

    private static SSLContext ssl(Path tls, boolean clientCert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", PemFiles.certificates(tls.resolve("ca.crt")).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientCert) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", PemFiles.privateKey(tls.resolve("server.key")), new char[0],
                    PemFiles.certificates(tls.resolve("server.crt")).toArray(X509Certificate[]::new));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
