package io.weft.orderer.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.comm.GrpcServerSettings;
import io.weft.comm.HostPort;
import io.weft.comm.HttpListener;
import io.weft.comm.TlsSettings;
import io.weft.core.committer.CommitterFixtures;
import io.weft.msp.LocalMsp;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.Msps;
import io.weft.orderer.BroadcastClient;
import io.weft.protoutil.Envelopes;
import io.weft.storage.leveldb.LevelDbStorageComponent;
import io.weft.testing.FabricVectors;

/**
 * The orderer as its components run it, without the framework: a real gRPC listener and admin endpoint on free
 * loopback ports, the vectors' orderer identity, its ledger on LevelDB. A channel joined through the participation API
 * with the vectors' mychannel genesis block takes a Broadcast from the generated stub into a block, survives a restart,
 * and the API answers Fabric's errors.
 */
class OrdererNodeTest {

    static final String CHANNEL = "mychannel";
    static final String CHANNELS = "/participation/v1/channels";

    static LocalMsp msp;
    static CommitterFixtures fx;
    static byte[] genesis;

    @TempDir
    Path dir;

    OrdererNode node;
    HttpListener admin;
    final HttpClient http = HttpClient.newHttpClient();
    String adminUrl;

    @BeforeAll
    static void identities() throws Exception {
        msp = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.ordererOrg().resolve("orderers/orderer.example.com/msp"), "OrdererMSP"));
        fx = CommitterFixtures.get();
        genesis = Files.readAllBytes(FabricVectors.file("mychannel.block"));
    }

    @BeforeEach
    void start() throws Exception {
        start(true);
    }

    void start(boolean participationEnabled) throws Exception {
        node = OrdererNode.start(new GrpcServerSettings(new HostPort("127.0.0.1", 0), TlsSettings.DISABLED,
                Duration.ofHours(2), Duration.ofSeconds(20), Duration.ofMinutes(1), 100 * 1024 * 1024),
                dir.resolve("orderer"), new LevelDbStorageComponent(), msp.signingIdentity(), msp.bccsp(),
                Clock.systemUTC(), Duration.ofMinutes(15));
        HostPort listen = new HostPort("127.0.0.1", 0);
        admin = HttpListener.start(listen, TlsSettings.DISABLED, 2 * 1024 * 1024, "test-admin",
                new ChannelParticipation(node.registry(), Bccsp.software(SwOptions.defaults()), participationEnabled,
                        1024 * 1024, false));
        adminUrl = "http://127.0.0.1:" + admin.bound(listen).port();
    }

    @AfterEach
    void stop() {
        admin.stop();
        node.close();
    }

    void restart(boolean participationEnabled) throws Exception {
        stop();
        start(participationEnabled);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(adminUrl + path)).timeout(Duration.ofSeconds(10));
    }

    /** osnadmin's join: the block as the file part {@code config-block}. */
    HttpResponse<String> join(byte[] block, String partName) throws Exception {
        String boundary = "weftboundary42";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName
                + "\"; filename=\"mychannel.block\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(block);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(at(CHANNELS).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    List<BroadcastResponse> broadcast(Envelope... messages) throws Exception {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", node.address().port(),
                InsecureChannelCredentials.create()).build();
        try {
            return BroadcastClient.broadcast(channel, messages);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    long awaitHeight(long height) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long h = 0;
        while (System.nanoTime() < deadline) {
            h = node.registry().chain(CHANNEL).orElseThrow().ledger().height();
            if (h >= height) {
                return h;
            }
            Thread.sleep(50);
        }
        return h;
    }

    @Test
    void joinThroughParticipationThenBroadcastIntoABlockAndKeepTheChannelOverARestart() throws Exception {
        assertThat(send(at(CHANNELS).GET()).body()).isEqualTo("{\"systemChannel\":null,\"channels\":null}\n");

        HttpResponse<String> joined = join(genesis, "config-block");
        assertThat(joined.statusCode()).isEqualTo(201);
        assertThat(joined.headers().firstValue("Location")).contains(CHANNELS + "/mychannel");
        assertThat(joined.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(joined.body()).isEqualTo("{\"name\":\"mychannel\",\"url\":\"/participation/v1/channels/mychannel\","
                + "\"consensusRelation\":\"consenter\",\"status\":\"active\",\"height\":1}\n");

        Envelope tx = Envelopes.signed(org.hyperledger.fabric.protos.common.HeaderType.ENDORSER_TRANSACTION_VALUE,
                CHANNEL, fx.user1, BytesValue.of(ByteString.copyFromUtf8("hello orderer")));
        assertThat(broadcast(tx)).extracting(BroadcastResponse::getStatus).containsExactly(Status.SUCCESS);
        assertThat(awaitHeight(2)).isEqualTo(2);
        Block block = node.registry().chain(CHANNEL).orElseThrow().ledger().block(1).orElseThrow();
        assertThat(block.getData().getData(0)).isEqualTo(tx.toByteString());

        restart(true);
        HttpResponse<String> list = send(at(CHANNELS).GET());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(list.body()).isEqualTo("{\"systemChannel\":null,\"channels\":[{\"name\":\"mychannel\","
                + "\"url\":\"/participation/v1/channels/mychannel\"}]}\n");
        assertThat(send(at(CHANNELS + "/mychannel").GET()).body()).contains("\"height\":2}");
        assertThat(broadcast(Envelopes.signed(org.hyperledger.fabric.protos.common.HeaderType.ENDORSER_TRANSACTION_VALUE,
                CHANNEL, fx.user1, BytesValue.of(ByteString.copyFromUtf8("after restart")))))
                .extracting(BroadcastResponse::getStatus).containsExactly(Status.SUCCESS);
        assertThat(awaitHeight(3)).isEqualTo(3);

        HttpResponse<String> removed = send(at(CHANNELS + "/mychannel").DELETE());
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(node.registry().channels()).isEmpty();
        assertThat(broadcast(Envelopes.signed(org.hyperledger.fabric.protos.common.HeaderType.ENDORSER_TRANSACTION_VALUE,
                CHANNEL, fx.user1, BytesValue.of(ByteString.copyFromUtf8("gone")))))
                .extracting(BroadcastResponse::getStatus).containsExactly(Status.BAD_REQUEST);
        restart(true);
        assertThat(node.registry().channels()).isEmpty();
    }

    @Test
    void participationErrorsAreFabrics() throws Exception {
        assertThat(join(genesis, "config-block").statusCode()).isEqualTo(201);

        HttpResponse<String> again = join(genesis, "config-block");
        assertThat(again.statusCode()).isEqualTo(405);
        assertThat(again.headers().firstValue("Allow")).contains("GET, DELETE");
        assertThat(again.body()).isEqualTo("{\"error\":\"cannot join: channel already exists\"}\n");

        assertError(join(genesis, "block"), 400, "form does not contains part key: config-block");
        assertError(join("not a block".getBytes(StandardCharsets.UTF_8), "config-block"), 400,
                "cannot unmarshal file part config-block into a block");
        Block notConfig = Block.newBuilder().setData(org.hyperledger.fabric.protos.common.BlockData.newBuilder()
                .addData(Envelopes.signed(org.hyperledger.fabric.protos.common.HeaderType.ENDORSER_TRANSACTION_VALUE,
                        "other", fx.user1, BytesValue.of(ByteString.EMPTY)).toByteString())).build();
        assertError(join(notConfig.toByteArray(), "config-block"), 400, "invalid join block: block is not a config block");
        assertError(send(at(CHANNELS).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 400, "unsupported Content-Type: [application/json]");
        assertError(join(new byte[2 * 1024 * 1024 - 1024], "config-block"), 400,
                "cannot read form from request body: http: request body too large");

        HttpResponse<String> put = send(at(CHANNELS).PUT(HttpRequest.BodyPublishers.noBody()));
        assertError(put, 405, "invalid request method: PUT");
        assertThat(put.headers().firstValue("Allow")).contains("GET, POST");
        HttpResponse<String> post = send(at(CHANNELS + "/mychannel").POST(HttpRequest.BodyPublishers.noBody()));
        assertError(post, 405, "invalid request method: POST");
        assertThat(post.headers().firstValue("Allow")).contains("GET, DELETE");

        assertError(send(at(CHANNELS + "/nochannel").GET()), 404, "channel does not exist");
        assertError(send(at(CHANNELS + "/nochannel").DELETE()), 404, "cannot remove: channel does not exist");
        assertError(send(at(CHANNELS + "/My_Channel").GET()), 400,
                "invalid channel ID: 'My_Channel' contains illegal characters");
        assertError(send(at(CHANNELS).header("Accept", "text/html").GET()), 406,
                "response Content-Type is application/json only");
        assertThat(send(at("/participation/v1/").GET()).headers().firstValue("Location")).contains(CHANNELS);
        assertThat(send(at("/healthz").GET()).statusCode()).isEqualTo(404);

        restart(false);
        assertError(send(at(CHANNELS).GET()), 503, "channel participation API is disabled");
        assertThat(node.registry().channels()).containsExactly(CHANNEL);
    }

    static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).startsWith("{\"error\":\"" + error);
    }
}
