package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;

/** README command (1)'s promise: a peer started from the shipped defaults serves and reports healthy. */
class PeerStartIT {

    @TempDir
    Path work;

    @Test
    void peerFromShippedDefaultsIsHealthyOverHttpAndGrpc() throws Exception {
        try (PeerProcess peer = new PeerProcess(work).start().awaitHealthy(Duration.ofSeconds(60))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> healthz = http.send(HttpRequest.newBuilder(URI.create(peer.operationsUrl() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(healthz.statusCode()).isEqualTo(200);
            assertThat(healthz.body()).startsWith("{\"status\":\"OK\",\"time\":\"");
            assertThat(healthz.headers().firstValue("Content-Type")).contains("application/json");

            HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create(peer.operationsUrl() + "/version")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(version.body()).contains("\"Version\":\"0.1.0-SNAPSHOT\"").contains("\"CommitSHA\":");

            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(peer.operationsUrl() + "/healthz"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);

            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", peer.peerPort).usePlaintext().build();
            try {
                HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance());
                assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            } finally {
                channel.shutdownNow();
            }
            assertThat(peer.awaitLog("Started peer with ID=[jdoe], network ID=[dev]"))
                    .contains("Started peer with ID=[jdoe], network ID=[dev]");
            assertChaincodeListenerRegisters(peer.chaincodePort);
        }
    }

    /** A chaincode in dev mode registers on peer.chaincodeListenAddress: REGISTER is answered REGISTERED, READY. */
    private static void assertChaincodeListenerRegisters(int port) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            BlockingQueue<Object> received = new LinkedBlockingQueue<>();
            StreamObserver<ChaincodeMessage> out = ChaincodeSupportGrpc.newStub(channel)
                    .register(new StreamObserver<ChaincodeMessage>() {
                        @Override
                        public void onNext(ChaincodeMessage value) {
                            received.add(value.getType());
                        }

                        @Override
                        public void onError(Throwable t) {
                            received.add(t);
                        }

                        @Override
                        public void onCompleted() {
                            received.add("completed");
                        }
                    });
            out.onNext(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTER)
                    .setPayload(ChaincodeID.newBuilder().setName("devcc:1.0").build().toByteString()).build());
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(ChaincodeMessage.Type.REGISTERED);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(ChaincodeMessage.Type.READY);
            out.onCompleted();
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("completed");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void logspecCanBeReadAndChangedAtRuntime() throws Exception {
        try (PeerProcess peer = new PeerProcess(work).env("FABRIC_LOGGING_SPEC", "warn:msp=debug").start()
                .awaitHealthy(Duration.ofSeconds(60))) {
            HttpClient http = HttpClient.newHttpClient();
            URI logspec = URI.create(peer.operationsUrl() + "/logspec");
            assertThat(http.send(HttpRequest.newBuilder(logspec).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("{\"spec\":\"msp=debug:warn\"}\n");
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(logspec)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"spec\":\"debug:gossip=error\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(204);
            assertThat(http.send(HttpRequest.newBuilder(logspec).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("{\"spec\":\"gossip=error:debug\"}\n");
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(logspec)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"spec\":\"chatty\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("{\"error\":\"invalid logging specification 'chatty': bad segment 'chatty'\"}\n");
            HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(logspec)
                    .PUT(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(garbage.statusCode()).isEqualTo(400);
            // the peer kept serving through the bad requests
            assertThat(http.send(HttpRequest.newBuilder(URI.create(peer.operationsUrl() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }
}
