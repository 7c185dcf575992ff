package io.weft.orderer;

import static io.weft.deliver.SeekRequests.newest;
import static io.weft.deliver.SeekRequests.oldest;
import static io.weft.deliver.SeekRequests.seek;
import static io.weft.deliver.SeekRequests.specified;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.weft.api.identity.SigningIdentity;

/**
 * {@code orderer.AtomicBroadcast/Deliver} through a real gRPC server on loopback, with the generated stub, on the same
 * service that takes Broadcast: ordered blocks come back as Fabric's orderer sends them, requests that cannot be
 * served get Fabric's statuses.
 */
class OrdererDeliverTest {

    static OrdererFixtures of;

    @TempDir
    Path dir;

    OrdererFixtures.Orderer orderer;
    SoloChain chain;
    OrdererDeliver deliver;
    Server server;
    ManagedChannel channel;

    @BeforeAll
    static void fixtures() throws Exception {
        of = new OrdererFixtures();
    }

    @BeforeEach
    void start() throws Exception {
        orderer = of.orderer(dir);
        chain = orderer.registry().create(of.genesis(OrdererFixtures.batchSize(2, 100_000, 80_000),
                Duration.ofSeconds(30)));
        deliver = new OrdererDeliver(orderer.registry()::chain, OrdererDeliver.DEFAULT_TIME_WINDOW,
                Clock.systemUTC());
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(new BroadcastService(new BroadcastHandler(orderer.registry()::chain), deliver)).build()
                .start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        deliver.close();
        orderer.close();
    }

    /** One Deliver call: the request is sent and the stream half-closed; responses arrive as the server sends them. */
    StreamResponses<DeliverResponse> call(Envelope request) {
        return StreamResponses.send(AtomicBroadcastGrpc.newStub(channel)::deliver, request);
    }

    static DeliverResponse status(Status status) {
        return DeliverResponse.newBuilder().setStatus(status).build();
    }

    static DeliverResponse block(Block block) {
        return DeliverResponse.newBuilder().setBlock(block).build();
    }

    Envelope request(SeekInfo seek) {
        return io.weft.deliver.SeekRequests.request(of.fx.user1, OrdererFixtures.CHANNEL, seek);
    }

    /** Broadcasts {@code count} messages (two make a block) and waits until the ledger is {@code height} blocks high. */
    void order(int count, long height) throws Exception {
        Envelope[] messages = new Envelope[count];
        for (int i = 0; i < count; i++) {
            messages[i] = OrdererFixtures.message(of.fx.user1, "m" + i);
        }
        List<BroadcastResponse> answers = StreamResponses.send(AtomicBroadcastGrpc.newStub(channel)::broadcast,
                messages).all();
        assertThat(answers).hasSize(count).allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(Status.SUCCESS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (chain.ledger().height() < height && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(chain.ledger().height()).isEqualTo(height);
    }

    List<DeliverResponse> stored(long from, long to) {
        List<DeliverResponse> blocks = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            blocks.add(block(chain.ledger().block(n).orElseThrow()));
        }
        return blocks;
    }

    @Test
    void oldestToNewestReturnsTheOrderedBlocksThenSuccess() throws Exception {
        order(4, 3);
        List<DeliverResponse> expected = stored(0, 2);
        expected.add(status(Status.SUCCESS));
        assertThat(call(request(seek(oldest(), newest()))).all()).containsExactlyElementsOf(expected);
        assertThat(chain.ledger().block(2).orElseThrow().getData().getDataCount()).isEqualTo(2);
    }

    @Test
    void newestToMaxReceivesTheBlocksCutLater() throws Exception {
        StreamResponses<DeliverResponse> call = call(request(seek(newest(), specified(-1L))));
        assertThat(call.next()).isEqualTo(stored(0, 0).get(0));
        order(4, 3);
        assertThat(call.next()).isEqualTo(stored(1, 1).get(0));
        assertThat(call.next()).isEqualTo(stored(2, 2).get(0));
        assertThat(call.done).isNotDone();
    }

    @Test
    void failIfNotReadyBeyondTheHeightIsNotFound() throws Exception {
        order(2, 2);
        SeekInfo beyond = seek(oldest(), specified(5)).toBuilder()
                .setBehavior(SeekInfo.SeekBehavior.FAIL_IF_NOT_READY).build();
        List<DeliverResponse> expected = stored(0, 1);
        expected.add(status(Status.NOT_FOUND));
        assertThat(call(request(beyond)).all()).containsExactlyElementsOf(expected);
    }

    @Test
    void anUnknownChannelIsNotFound() throws Exception {
        Envelope other = io.weft.deliver.SeekRequests.request(of.fx.user1, "otherchannel", seek(oldest(), newest()));
        assertThat(call(other).all()).containsExactly(status(Status.NOT_FOUND));
    }

    @Test
    void aRequesterThatIsNoChannelReaderIsForbidden() throws Exception {
        Envelope valid = request(seek(oldest(), newest()));
        Envelope forged = valid.toBuilder().setSignature(ByteString.copyFromUtf8("not a signature")).build();
        assertThat(call(forged).all()).containsExactly(status(Status.FORBIDDEN));
        // an identity the channel's MSPs do not know
        Envelope stranger = io.weft.deliver.SeekRequests.request(stranger(),
                OrdererFixtures.CHANNEL, seek(oldest(), newest()));
        assertThat(call(stranger).all()).containsExactly(status(Status.FORBIDDEN));
    }

    /** User1's certificate and key, claimed by an MSP the channel does not have. */
    static SigningIdentity stranger() throws Exception {
        SerializedIdentity user1 = SerializedIdentity.parseFrom(of.fx.user1.serialize());
        ByteString claimed = user1.toBuilder().setMspid("Org9MSP").build().toByteString();
        return new SigningIdentity() {
            @Override
            public String mspId() {
                return "Org9MSP";
            }

            @Override
            public ByteString serialize() {
                return claimed;
            }

            @Override
            public byte[] sign(byte[] message) {
                return of.fx.user1.sign(message);
            }
        };
    }

    @Test
    void garbageEnvelopesAreBadRequests() throws Exception {
        Envelope garbage = Envelope.newBuilder().setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}))
                .build();
        assertThat(call(garbage).all()).containsExactly(status(Status.BAD_REQUEST));
        assertThat(call(Envelope.getDefaultInstance()).all()).containsExactly(status(Status.BAD_REQUEST));
    }
}
