package io.weft.orderer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.grpc.stub.ServerCallStreamObserver;

/**
 * A Broadcast stream's inbound flow control, against a recording call: it reads no more than its window of
 * unanswered messages, asks for one more per answer, and none after a refusal.
 */
class BroadcastStreamTest {

    static OrdererFixtures of;

    @TempDir
    Path dir;

    OrdererFixtures.Orderer orderer;
    BroadcastHandler handler;

    @BeforeAll
    static void fixtures() throws Exception {
        of = new OrdererFixtures();
    }

    @BeforeEach
    void start() throws Exception {
        orderer = of.orderer(dir);
        orderer.registry().create(of.genesis(OrdererFixtures.batchSize(2, 100_000, 80_000), Duration.ofSeconds(30)));
        handler = new BroadcastHandler(orderer.registry()::chain);
    }

    @AfterEach
    void stop() throws Exception {
        orderer.close();
    }

    @Test
    void theStreamAsksForAMessageOnlyWhenOneIsAnswered() throws Exception {
        RecordingCall call = new RecordingCall();
        BroadcastStream stream = BroadcastStream.open(handler, call, 2);
        assertThat(call.autoRequestDisabled).isTrue();
        assertThat(call.requested).hasValue(2);

        stream.onNext(OrdererFixtures.message(of.fx.user1, "a"));
        assertThat(call.requested).as("a waits for its block: no new room").hasValue(2);
        stream.onNext(OrdererFixtures.message(of.fx.user1, "b"));
        assertThat(call.next().getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(call.next().getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(call.requested).as("one more per answer").hasValue(4);

        stream.onNext(Envelope.getDefaultInstance());
        assertThat(call.next().getStatus()).isEqualTo(Status.BAD_REQUEST);
        assertThat(call.completed).as("a refusal ends the stream").isCompleted();
        assertThat(call.requested).as("nothing more is read after a refusal").hasValue(4);
    }

    /** The server side of a call, recording what the stream asks of it. */
    static final class RecordingCall extends ServerCallStreamObserver<BroadcastResponse> {
        final AtomicInteger requested = new AtomicInteger();
        final BlockingQueue<BroadcastResponse> sent = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> completed = new CompletableFuture<>();
        volatile boolean autoRequestDisabled;

        BroadcastResponse next() throws InterruptedException {
            BroadcastResponse r = sent.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("an answer within 10s").isNotNull();
            return r;
        }

        @Override
        public void request(int count) {
            requested.addAndGet(count);
        }

        @Override
        public void disableAutoRequest() {
            autoRequestDisabled = true;
        }

        @Override
        public void disableAutoInboundFlowControl() {
            autoRequestDisabled = true;
        }

        @Override
        public void onNext(BroadcastResponse value) {
            sent.add(value);
        }

        @Override
        public void onError(Throwable t) {
            completed.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            completed.complete(null);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setOnCancelHandler(Runnable onCancelHandler) {
        }

        @Override
        public void setCompression(String compression) {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable onReadyHandler) {
        }

        @Override
        public void setMessageCompression(boolean enable) {
        }
    }
}
