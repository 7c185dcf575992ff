package io.weft.orderer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
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
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.weft.api.identity.SigningIdentity;
import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StoreOptions;
import io.weft.bccsp.Pem;
import io.weft.protoutil.BlockMetadatas;
import io.weft.protoutil.Envelopes;
import io.weft.storage.memory.MemoryStorageComponent;

/**
 * {@code orderer.AtomicBroadcast/Broadcast} through a real gRPC server on loopback, with the generated stub: every
 * answer is Fabric's status and info, accepted messages and config updates end up in verified blocks.
 */
class BroadcastServiceTest {

    static OrdererFixtures of;

    @TempDir
    Path dir;

    OrdererFixtures.Orderer orderer;
    SoloChain chain;
    /** Closed last-in first-out after each test. */
    final Deque<AutoCloseable> closeAfter = new ArrayDeque<>();
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
        serve(orderer.registry()::chain);
    }

    void serve(java.util.function.Function<String, Optional<SoloChain>> chains) throws Exception {
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(new BroadcastService(new BroadcastHandler(chains))).build().start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        while (!closeAfter.isEmpty()) {
            closeAfter.pop().close();
        }
        orderer.close();
    }

    List<BroadcastResponse> broadcast(Envelope... messages) throws Exception {
        return BroadcastClient.broadcast(channel, messages);
    }

    BroadcastResponse refusal(Envelope message) throws Exception {
        List<BroadcastResponse> responses = broadcast(message, OrdererFixtures.message(of.fx.user1, "after"));
        assertThat(responses).as("a refusal ends the stream").hasSize(1);
        return responses.get(0);
    }

    static BroadcastResponse response(Status status, String info) {
        return BroadcastResponse.newBuilder().setStatus(status).setInfo(info).build();
    }

    static Envelope withPayload(ByteString payload) {
        return Envelope.newBuilder().setPayload(payload).setSignature(ByteString.copyFromUtf8("sig")).build();
    }

    static Envelope withHeader(Header header) {
        return withPayload(Payload.newBuilder().setHeader(header).build().toByteString());
    }

    @Test
    void acceptedMessagesAreOrderedIntoVerifiedBlocks() throws Exception {
        OrdererFixtures.VerifiedBlocks blocks = new OrdererFixtures.VerifiedBlocks(chain);
        Envelope a = OrdererFixtures.message(of.fx.user1, "a");
        Envelope b = OrdererFixtures.message(of.fx.user1, "b");
        assertThat(broadcast(a, b)).containsExactly(BroadcastResponse.newBuilder().setStatus(Status.SUCCESS).build(),
                BroadcastResponse.newBuilder().setStatus(Status.SUCCESS).build());
        assertThat(blocks.next().getData().getDataList()).containsExactly(a.toByteString(), b.toByteString());
    }

    @Test
    void malformedEnvelopesAreBadRequests() throws Exception {
        String prefix = "could not determine channel ID: ";
        assertThat(refusal(Envelope.getDefaultInstance()))
                .isEqualTo(response(Status.BAD_REQUEST, prefix + "header not set"));
        assertThat(refusal(withPayload(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}))))
                .isEqualTo(response(Status.BAD_REQUEST, prefix
                        + "error unmarshalling Payload: proto: cannot parse invalid wire-format data"));
        assertThat(refusal(withHeader(Header.newBuilder().setSignatureHeader(ByteString.copyFromUtf8("x")).build())))
                .isEqualTo(response(Status.BAD_REQUEST, prefix + "channel header not set"));
        assertThat(refusal(withHeader(Header.newBuilder().setChannelHeader(ByteString.copyFrom(new byte[] {0x0a, 0x7f}))
                .build()))).isEqualTo(response(Status.BAD_REQUEST, prefix + "error unmarshalling channel header: "
                        + "error unmarshalling ChannelHeader: proto: cannot parse invalid wire-format data"));
    }

    @Test
    void aMessageForAChannelTheOrdererDoesNotServeIsRefusedAsWithoutASystemChannel() throws Exception {
        Envelope other = Envelopes.signed(HeaderType.ENDORSER_TRANSACTION_VALUE, "otherchannel", of.fx.user1,
                BytesValue.of(ByteString.copyFromUtf8("x")));
        assertThat(refusal(other)).isEqualTo(response(Status.BAD_REQUEST,
                "channel creation request not allowed because the orderer system channel is not defined"));
    }

    @Test
    void configTransactionsCannotBeBroadcastDirectly() throws Exception {
        for (HeaderType type : List.of(HeaderType.CONFIG, HeaderType.ORDERER_TRANSACTION)) {
            Envelope config = Envelopes.signed(type.getNumber(), OrdererFixtures.CHANNEL, of.fx.user1,
                    BytesValue.of(ByteString.EMPTY));
            assertThat(refusal(config)).isEqualTo(response(Status.BAD_REQUEST,
                    "message is of type that cannot be processed directly"));
        }
    }

    @Test
    void aMessageOverAbsoluteMaxBytesIsRefused() throws Exception {
        Envelope large = OrdererFixtures.message(of.fx.user1, "x".repeat(100_000));
        long size = large.getPayload().size() + large.getSignature().size();
        assertThat(refusal(large)).isEqualTo(response(Status.BAD_REQUEST, "message payload is " + size
                + " bytes and exceeds maximum allowed 100000 bytes"));
    }

    @Test
    void aSignerThatIsNoChannelWriterIsForbidden() throws Exception {
        // peer0.org1 is a peer: Org1's Writers are its admins and clients
        BroadcastResponse peer = refusal(OrdererFixtures.message(of.fx.peer1, "p"));
        assertThat(peer.getStatus()).isEqualTo(Status.FORBIDDEN);
        assertThat(peer.getInfo()).isEqualTo("implicit policy evaluation failed - 0 sub-policies were satisfied, but "
                + "this policy requires 1 of the 'Writers' sub-policies to be satisfied: permission denied");

        Envelope forged = OrdererFixtures.message(of.fx.user1, "f").toBuilder()
                .setSignature(ByteString.copyFromUtf8("not a signature")).build();
        assertThat(refusal(forged)).isEqualTo(peer);
    }

    @Test
    void aSignerWithAnExpiredCertificateIsRefused() throws Exception {
        BroadcastResponse expired = refusal(OrdererFixtures.message(expiredIdentity(), "e"));
        assertThat(expired).isEqualTo(response(Status.BAD_REQUEST, "broadcast client identity expired"));
    }

    @Test
    void aConfigUpdateBecomesAConfigBlockOfTheNextSequence() throws Exception {
        OrdererFixtures.VerifiedBlocks blocks = new OrdererFixtures.VerifiedBlocks(chain);
        Envelope a = OrdererFixtures.message(of.fx.user1, "a");
        Envelope update = of.batchSizeUpdate(OrdererFixtures.batchSize(1, 100_000, 80_000), of.ordererAdmin);
        assertThat(broadcast(a, update)).extracting(BroadcastResponse::getStatus)
                .containsExactly(Status.SUCCESS, Status.SUCCESS);

        assertThat(blocks.next().getData().getDataList()).containsExactly(a.toByteString());
        Block config = blocks.next();
        assertThat(config.getData().getDataCount()).isOne();
        Envelope configTx = Envelope.parseFrom(config.getData().getData(0));
        Payload payload = Payload.parseFrom(configTx.getPayload());
        ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        assertThat(header.getType()).isEqualTo(HeaderType.CONFIG_VALUE);
        assertThat(org.hyperledger.fabric.protos.common.ConfigEnvelope.parseFrom(payload.getData()).getLastUpdate())
                .isEqualTo(update);
        assertThat(BlockMetadatas.lastConfigIndex(config)).isEqualTo(2);
        assertThat(chain.config().sequence()).isOne();

        Envelope b = OrdererFixtures.message(of.fx.user1, "b");
        assertThat(broadcast(b)).extracting(BroadcastResponse::getStatus).containsExactly(Status.SUCCESS);
        Block three = blocks.next();
        assertThat(three.getData().getDataList()).containsExactly(b.toByteString());
        assertThat(BlockMetadatas.lastConfigIndex(three)).isEqualTo(2);
    }

    @Test
    void aConfigUpdateWithoutTheModPolicysSignaturesIsRefused() throws Exception {
        BroadcastResponse refused = refusal(of.batchSizeUpdate(OrdererFixtures.batchSize(1, 100_000, 80_000),
                of.fx.user1));
        assertThat(refused.getStatus()).isEqualTo(Status.BAD_REQUEST);
        assertThat(refused.getInfo()).startsWith("error applying config update to existing channel 'mychannel': "
                + "error authorizing update: error validating DeltaSet: policy for [Value]  /Channel/Orderer/BatchSize "
                + "not satisfied: ");
    }

    @Test
    void aConfigUpdateByANonWriterFailsTheInitialChecks() throws Exception {
        Envelope update = of.batchSizeUpdate(OrdererFixtures.batchSize(1, 100_000, 80_000), of.ordererAdmin);
        Payload payload = Payload.parseFrom(update.getPayload());
        Envelope byPeer = Envelope.newBuilder().setPayload(update.getPayload())
                .setSignature(ByteString.copyFrom(of.fx.peer1.sign(update.getPayload().toByteArray()))).build();
        BroadcastResponse refused = refusal(withPayload(payload.toBuilder().setHeader(payload.getHeader().toBuilder()
                .setSignatureHeader(org.hyperledger.fabric.protos.common.SignatureHeader.newBuilder()
                        .setCreator(of.fx.peer1.serialize()).setNonce(Envelopes.nonce()).build().toByteString()))
                .build().toByteString()).toBuilder().setSignature(byPeer.getSignature()).build());
        assertThat(refused.getStatus()).isEqualTo(Status.FORBIDDEN);
        assertThat(refused.getInfo()).startsWith("config update for existing channel did not pass initial checks: ")
                .endsWith(": permission denied");
    }

    @Test
    void aHaltedChainIsUnavailable() throws Exception {
        chain.halt();
        assertThat(refusal(OrdererFixtures.message(of.fx.user1, "a")))
                .isEqualTo(response(Status.SERVICE_UNAVAILABLE, "Exiting"));
    }

    @Test
    void deliverIsNotServedHere() {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel).deliver(new StreamObserver<>() {
            @Override
            public void onNext(org.hyperledger.fabric.protos.orderer.DeliverResponse value) {
            }

            @Override
            public void onError(Throwable t) {
                failure.complete(t);
            }

            @Override
            public void onCompleted() {
                failure.complete(null);
            }
        });
        requests.onCompleted();
        assertThat(failure).succeedsWithin(Duration.ofSeconds(10)).isInstanceOfSatisfying(
                StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                        .isEqualTo(io.grpc.Status.Code.UNIMPLEMENTED));
    }

    /** A chain of MaxMessageCount 1 on its own ledger, whose appends first pass {@code beforeAppend}; served alone. */
    SoloChain serveChainWith(String name, BeforeAppend beforeAppend) throws Exception {
        KeyValueStore index = new MemoryStorageComponent().open(dir.resolve(name + "-index"), StoreOptions.defaults());
        closeAfter.push(index);
        OrdererLedger store = BlockStoreLedger.open(dir.resolve(name), index, OrdererFixtures.CHANNEL);
        closeAfter.push(store);
        store.append(of.genesis(OrdererFixtures.batchSize(1, 100_000, 80_000), Duration.ofSeconds(30)));
        SoloChain served = SoloChain.start(new InterceptedLedger(store, beforeAppend), of.fx.orderer, of.fx.bccsp,
                Clock.systemUTC());
        closeAfter.push(served);
        channel.shutdownNow();
        server.shutdownNow();
        serve(ch -> Optional.of(served));
        return served;
    }

    @Test
    void aSuccessIsAnsweredOnlyOnceTheBlockHoldingTheMessageIsStoredAndNoThreadWaitsForIt() throws Exception {
        CountDownLatch appending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            SoloChain slow = serveChainWith("slow", () -> {
                appending.countDown();
                release.await();
            });
            List<Long> heightAtAnswer = new CopyOnWriteArrayList<>();
            StreamResponses<BroadcastResponse> answers = StreamResponses.send(r -> AtomicBroadcastGrpc.newStub(channel)
                    .broadcast(new StreamObserver<>() {
                        @Override
                        public void onNext(BroadcastResponse value) {
                            heightAtAnswer.add(slow.ledger().height());
                            r.onNext(value);
                        }

                        @Override
                        public void onError(Throwable t) {
                            r.onError(t);
                        }

                        @Override
                        public void onCompleted() {
                            r.onCompleted();
                        }
                    }), OrdererFixtures.message(of.fx.user1, "a"), OrdererFixtures.message(of.fx.user1, "b"),
                    OrdererFixtures.message(of.fx.user1, "c"));
            assertThat(appending.await(10, TimeUnit.SECONDS)).isTrue();
            // the first block is being written: another stream is still served, this one not yet answered
            assertThat(refusal(Envelope.getDefaultInstance()).getStatus()).isEqualTo(Status.BAD_REQUEST);
            assertThat(answers.responses).isEmpty();
            release.countDown();
            assertThat(answers.all()).extracting(BroadcastResponse::getStatus)
                    .containsExactly(Status.SUCCESS, Status.SUCCESS, Status.SUCCESS);
            // answer i comes after block i+1 (one message per block) is stored; later blocks may be stored too by then
            assertThat(heightAtAnswer).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(heightAtAnswer.get(i)).as("height when answer %d arrived", i).isGreaterThanOrEqualTo(2L + i);
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void answersKeepTheOrderOfTheMessagesAndARefusalEndsTheStreamAfterWhatCameBefore() throws Exception {
        OrdererFixtures.VerifiedBlocks blocks = new OrdererFixtures.VerifiedBlocks(chain);
        Envelope a = OrdererFixtures.message(of.fx.user1, "a");
        Envelope b = OrdererFixtures.message(of.fx.user1, "b");
        Envelope forged = OrdererFixtures.message(of.fx.user1, "f").toBuilder()
                .setSignature(ByteString.copyFromUtf8("not a signature")).build();
        Envelope c = OrdererFixtures.message(of.fx.user1, "c");
        // a and b wait for their block (MaxMessageCount 2): the refusal, ready at once, waits behind them
        assertThat(broadcast(a, b, forged, c)).extracting(BroadcastResponse::getStatus)
                .containsExactly(Status.SUCCESS, Status.SUCCESS, Status.FORBIDDEN);
        assertThat(blocks.next().getData().getDataList()).containsExactly(a.toByteString(), b.toByteString());

        Envelope d = OrdererFixtures.message(of.fx.user1, "d");
        Envelope e = OrdererFixtures.message(of.fx.user1, "e");
        assertThat(broadcast(d, e)).extracting(BroadcastResponse::getStatus)
                .containsExactly(Status.SUCCESS, Status.SUCCESS);
        assertThat(blocks.next().getData().getDataList()).as("c, after the refusal, was never ordered")
                .containsExactly(d.toByteString(), e.toByteString());
    }

    @Test
    void aMessageWhoseBlockCannotBeWrittenIsUnavailableAsTheChainHalts() throws Exception {
        SoloChain broken = serveChainWith("broken", () -> {
            throw new OrdererLedger.LedgerWriteException("disk full", null);
        });
        assertThat(broadcast(OrdererFixtures.message(of.fx.user1, "a")))
                .containsExactly(response(Status.SERVICE_UNAVAILABLE, "Exiting"));
        assertThat(broken.isHalted()).isTrue();
        assertThat(broken.ledger().height()).isOne();
    }

    @Test
    void aStreamReadsTheNextMessageOnlyWhenOneIsAnsweredAndNoneAfterARefusal() throws Exception {
        RecordingCall call = new RecordingCall();
        BroadcastStream stream = BroadcastStream.open(new BroadcastHandler(orderer.registry()::chain), call, 2);
        assertThat(call.autoRequestDisabled).isTrue();
        assertThat(call.requested).hasValue(2);

        stream.onNext(OrdererFixtures.message(of.fx.user1, "a"));
        assertThat(call.requested).as("a waits for its block (MaxMessageCount 2): no room yet").hasValue(2);
        stream.onNext(OrdererFixtures.message(of.fx.user1, "b"));
        assertThat(call.sent.next().getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(call.sent.next().getStatus()).isEqualTo(Status.SUCCESS);
        call.awaitRequested(4); // the ordering thread asks for the next message after it sends the answer
        assertThat(call.requested).as("one more per answer").hasValue(4);

        stream.onNext(Envelope.getDefaultInstance());
        assertThat(call.sent.all()).extracting(BroadcastResponse::getStatus).containsExactly(Status.BAD_REQUEST);
        assertThat(call.requested).as("nothing more is read after a refusal").hasValue(4);
    }

    /** What a ledger does before each append: wait, or fail. */
    @FunctionalInterface
    interface BeforeAppend {
        void run() throws Exception;
    }

    /** A ledger whose appends first pass {@code beforeAppend}: a slow or broken disk under the ordering thread. */
    record InterceptedLedger(OrdererLedger ledger, BeforeAppend beforeAppend) implements OrdererLedger {
        @Override
        public long height() {
            return ledger.height();
        }

        @Override
        public void append(Block block) throws LedgerWriteException {
            try {
                beforeAppend.run();
            } catch (LedgerWriteException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            ledger.append(block);
        }

        @Override
        public Optional<Block> block(long number) {
            return ledger.block(number);
        }

        @Override
        public Subscription onAppend(Consumer<Block> listener) {
            return ledger.onAppend(listener);
        }

        @Override
        public void close() {
            ledger.close();
        }
    }

    /** An Org1MSP identity whose (self-signed) certificate expired yesterday; expiry is checked before any policy. */
    static SigningIdentity expiredIdentity() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=expired.org1.example.com");
        Instant now = Instant.now();
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(now.minus(Duration.ofDays(2))),
                Date.from(now.minus(Duration.ofDays(1))), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();
        ByteString serialized = SerializedIdentity.newBuilder().setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFrom(Pem.encode("CERTIFICATE", der))).build().toByteString();
        return new SigningIdentity() {
            @Override
            public String mspId() {
                return "Org1MSP";
            }

            @Override
            public ByteString serialize() {
                return serialized;
            }

            @Override
            public byte[] sign(byte[] message) {
                return new byte[] {0}; // never verified: the expiry check refuses first
            }
        };
    }
}
