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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
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
import io.weft.api.identity.SigningIdentity;
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
import io.weft.channelconfig.ChannelConfig;
import io.weft.orderer.BroadcastClient;
import io.weft.orderer.SoloChain;
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

    static final String SYSTEM_CHANNEL = "system-channel";
    static final String LEGACY_CHANNEL = "legacychannel";

    static LocalMsp msp;
    static SigningIdentity org1Admin;
    static CommitterFixtures fx;
    static byte[] genesis;

    @TempDir
    Path dir;

    Optional<Block> bootstrap = Optional.empty();
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
        org1Admin = Msps.loadLocal(LocalMspSettings.of(FabricVectors.org1().resolve("users/Admin@org1.example.com/msp"),
                "Org1MSP")).signingIdentity();
    }

    @BeforeEach
    void start() throws Exception {
        start(true);
    }

    void start(boolean participationEnabled) throws Exception {
        node = OrdererNode.start(new GrpcServerSettings(new HostPort("127.0.0.1", 0), TlsSettings.DISABLED,
                Duration.ofHours(2), Duration.ofSeconds(20), Duration.ofMinutes(1), 100 * 1024 * 1024),
                dir.resolve("orderer"), new LevelDbStorageComponent(), msp.signingIdentity(), msp.bccsp(),
                Clock.systemUTC(), Duration.ofMinutes(15), bootstrap);
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
        return awaitHeight(CHANNEL, height);
    }

    long awaitHeight(String channelId, long height) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long h = 0;
        while (System.nanoTime() < deadline) {
            h = node.registry().chain(channelId).orElseThrow().ledger().height();
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

    /** {@code legacychannel.tx} as {@code peer channel create} sends it: signed into the update and the envelope. */
    static Envelope creationTx(ConfigUpdate update, SigningIdentity signer) throws Exception {
        ConfigUpdateEnvelope unsigned = ConfigUpdateEnvelope.newBuilder().setConfigUpdate(update.toByteString()).build();
        ByteString header = SignatureHeader.newBuilder().setCreator(signer.serialize()).setNonce(Envelopes.nonce())
                .build().toByteString();
        ConfigSignature signature = ConfigSignature.newBuilder().setSignatureHeader(header)
                .setSignature(ByteString.copyFrom(signer.sign(header.concat(unsigned.getConfigUpdate()).toByteArray())))
                .build();
        return Envelopes.signed(HeaderType.CONFIG_UPDATE_VALUE, update.getChannelId(), signer,
                unsigned.toBuilder().addSignatures(signature).build());
    }

    static ConfigUpdate legacyChannelUpdate() throws Exception {
        Envelope tx = Envelope.parseFrom(FabricVectors.bytes("legacychannel.tx"));
        return ConfigUpdate.parseFrom(ConfigUpdateEnvelope.parseFrom(Payload.parseFrom(tx.getPayload()).getData())
                .getConfigUpdate());
    }

    /** The update under another channel ID, optionally naming another consortium. */
    static ConfigUpdate renamed(ConfigUpdate update, String channelId, String consortium) {
        ConfigGroup.Builder write = update.getWriteSet().toBuilder();
        if (consortium != null) {
            write.putValues("Consortium", write.getValuesOrThrow("Consortium").toBuilder().setValue(
                    org.hyperledger.fabric.protos.common.Consortium.newBuilder().setName(consortium).build()
                            .toByteString()).build());
        }
        return update.toBuilder().setChannelId(channelId).setWriteSet(write).build();
    }

    void bootstrapSystemChannel() throws Exception {
        bootstrap = Optional.of(Block.parseFrom(FabricVectors.bytes("system-genesis-1.4.block")));
        restart(true);
    }

    SoloChain awaitChannel(String channelId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && node.registry().chain(channelId).isEmpty()) {
            Thread.sleep(50);
        }
        return node.registry().chain(channelId).orElseThrow();
    }

    @Test
    void theSystemChannelCreatesLegacychannelFromItsCreationTransaction() throws Exception {
        bootstrapSystemChannel();
        assertThat(send(at(CHANNELS).GET()).body()).isEqualTo("{\"systemChannel\":{\"name\":\"system-channel\","
                + "\"url\":\"/participation/v1/channels/system-channel\"},\"channels\":null}\n");
        SoloChain system = node.registry().chain(SYSTEM_CHANNEL).orElseThrow();
        assertThat(system.isSystemChannel()).isTrue();

        assertThat(broadcast(creationTx(legacyChannelUpdate(), org1Admin)))
                .extracting(BroadcastResponse::getStatus).containsExactly(Status.SUCCESS);
        SoloChain created = awaitChannel(LEGACY_CHANNEL);

        // block 0 of the new channel: the CONFIG transaction alone, unsigned, as Fabric's registrar writes it
        Block genesisBlock = created.ledger().block(0).orElseThrow();
        assertThat(genesisBlock.getHeader().getNumber()).isZero();
        assertThat(genesisBlock.getHeader().getPreviousHash()).isEmpty();
        assertThat(genesisBlock.getData().getDataCount()).isEqualTo(1);
        ChannelConfig config = ChannelConfig.fromBlock(genesisBlock, msp.bccsp());
        ConfigGroup channelGroup = config.config().getChannelGroup();
        ConfigGroup systemGroup = system.config().config().getChannelGroup();
        assertThat(channelGroup.getGroupsMap()).containsOnlyKeys("Orderer", "Application");
        assertThat(channelGroup.getGroupsOrThrow("Orderer")).isEqualTo(systemGroup.getGroupsOrThrow("Orderer"));
        assertThat(channelGroup.getPoliciesMap()).isEqualTo(systemGroup.getPoliciesMap());
        assertThat(config.consortiumName()).isEqualTo("SampleConsortium");
        assertThat(config.consortiums()).isEmpty();
        ConfigGroup application = channelGroup.getGroupsOrThrow("Application");
        assertThat(application.getGroupsMap()).containsOnlyKeys("Org1MSP", "Org2MSP");
        assertThat(application.getGroupsOrThrow("Org1MSP")).isEqualTo(systemGroup.getGroupsOrThrow("Consortiums")
                .getGroupsOrThrow("SampleConsortium").getGroupsOrThrow("Org1MSP"));
        assertThat(application.getPoliciesMap()).containsKeys("Admins", "Readers", "Writers", "LifecycleEndorsement");
        assertThat(config.sequence()).isEqualTo(1);

        // the system channel's block 1 carries the ORDERER_TRANSACTION; its config block is still block 0
        assertThat(system.ledger().height()).isEqualTo(2);
        Block systemBlock = system.ledger().block(1).orElseThrow();
        Payload wrapped = Payload.parseFrom(Envelope.parseFrom(systemBlock.getData().getData(0)).getPayload());
        assertThat(ChannelHeader.parseFrom(wrapped.getHeader().getChannelHeader()).getType())
                .isEqualTo(HeaderType.ORDERER_TRANSACTION_VALUE);
        assertThat(Envelope.parseFrom(wrapped.getData()).toByteString()).isEqualTo(genesisBlock.getData().getData(0));
        assertThat(io.weft.protoutil.BlockMetadatas.lastConfigIndex(systemBlock)).isZero();

        // the new channel orders as any other
        assertThat(broadcast(Envelopes.signed(HeaderType.ENDORSER_TRANSACTION_VALUE, LEGACY_CHANNEL, fx.user1,
                BytesValue.of(ByteString.copyFromUtf8("on legacychannel")))))
                .extracting(BroadcastResponse::getStatus).containsExactly(Status.SUCCESS);
        assertThat(awaitHeight(LEGACY_CHANNEL, 2)).isEqualTo(2);

        restart(true);
        assertThat(node.registry().systemChannel()).contains(SYSTEM_CHANNEL);
        assertThat(node.registry().channels()).containsExactly(LEGACY_CHANNEL, SYSTEM_CHANNEL);
        assertThat(node.registry().chain(LEGACY_CHANNEL).orElseThrow().ledger().height()).isEqualTo(2);
        assertThat(send(at(CHANNELS).GET()).body()).isEqualTo("{\"systemChannel\":{\"name\":\"system-channel\","
                + "\"url\":\"/participation/v1/channels/system-channel\"},\"channels\":[{\"name\":\"legacychannel\","
                + "\"url\":\"/participation/v1/channels/legacychannel\"}]}\n");
        assertThat(broadcast(creationTx(renamed(legacyChannelUpdate(), "afterrestart", null), org1Admin)))
                .extracting(BroadcastResponse::getStatus).containsExactly(Status.SUCCESS);
        assertThat(awaitChannel("afterrestart").ledger().height()).isEqualTo(1);
    }

    @Test
    void channelCreationRefusalsAreFabrics() throws Exception {
        bootstrapSystemChannel();
        assertRefused(creationTx(renamed(legacyChannelUpdate(), "nope", "OtherConsortium"), org1Admin),
                Status.BAD_REQUEST, "Unknown consortium name: OtherConsortium");
        LocalMsp user = Msps.loadLocal(LocalMspSettings.of(FabricVectors.org1().resolve(
                "users/User1@org1.example.com/msp"), "Org1MSP"));
        assertRefused(creationTx(legacyChannelUpdate(), user.signingIdentity()), Status.BAD_REQUEST,
                "error validating channel creation transaction for new channel 'legacychannel', could not "
                        + "successfully apply update to template configuration: error authorizing update: ");
        assertRefused(Envelopes.signed(HeaderType.CONFIG_UPDATE_VALUE, "garbage", fx.user1,
                BytesValue.of(ByteString.copyFromUtf8("not a config update"))), Status.BAD_REQUEST,
                "Failing initial channel config creation because of config update unmarshalling error: ");
        assertRefused(Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("garbage")).build(),
                Status.BAD_REQUEST, "could not determine channel ID: ");
        assertRefused(Envelopes.signed(HeaderType.ENDORSER_TRANSACTION_VALUE, "nochannel", fx.user1,
                BytesValue.of(ByteString.EMPTY)), Status.NOT_FOUND, "channel does not exist");
        assertThat(node.registry().channels()).containsExactly(SYSTEM_CHANNEL);

        assertThat(broadcast(creationTx(legacyChannelUpdate(), org1Admin)))
                .extracting(BroadcastResponse::getStatus).containsExactly(Status.SUCCESS);
        awaitChannel(LEGACY_CHANNEL);
        // the channel exists now: the same update goes to it, and is no valid update of its config
        assertRefused(creationTx(legacyChannelUpdate(), org1Admin), Status.BAD_REQUEST,
                "error applying config update to existing channel 'legacychannel': ");

        HttpResponse<String> join = join(genesis, "config-block");
        assertError(join, 405, "cannot join: system channel exists");
        assertThat(join.headers().firstValue("Allow")).contains("GET");
        assertError(send(at(CHANNELS + "/legacychannel").DELETE()), 405, "cannot remove: system channel exists");
        assertError(send(at(CHANNELS + "/system-channel").DELETE()), 400,
                "cannot remove: cannot remove solo system channel: system-channel");
        assertThat(send(at(CHANNELS + "/system-channel").GET()).body()).contains("\"height\":2}");
    }

    @Test
    void aBootstrapBlockIsIgnoredOnceChannelsExistAndMustBeASystemChannelGenesis() throws Exception {
        assertThat(join(genesis, "config-block").statusCode()).isEqualTo(201);
        bootstrapSystemChannel();
        assertThat(node.registry().systemChannel()).isEmpty();
        assertThat(node.registry().channels()).containsExactly(CHANNEL);

        stop();
        bootstrap = Optional.of(Block.parseFrom(genesis));
        Path empty = dir.resolve("empty");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OrdererNode.start(new GrpcServerSettings(
                new HostPort("127.0.0.1", 0), TlsSettings.DISABLED, Duration.ofHours(2), Duration.ofSeconds(20),
                Duration.ofMinutes(1), 100 * 1024 * 1024), empty, new LevelDbStorageComponent(),
                msp.signingIdentity(), msp.bccsp(), Clock.systemUTC(), Duration.ofMinutes(15), bootstrap))
                .hasMessage("Failed validating bootstrap block: the block isn't a system channel block because it "
                        + "lacks ConsortiumsConfig");
        bootstrap = Optional.empty();
        start(true);
    }

    void assertRefused(Envelope message, Status status, String info) throws Exception {
        List<BroadcastResponse> responses = broadcast(message);
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).getStatus()).as(responses.get(0).getInfo()).isEqualTo(status);
        assertThat(responses.get(0).getInfo()).startsWith(info);
    }

    static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).startsWith("{\"error\":\"" + error);
    }
}
