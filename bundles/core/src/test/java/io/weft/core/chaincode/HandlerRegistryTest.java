package io.weft.core.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.grpc.stub.StreamObserver;

/**
 * A chaincode is offered for transactions only once READY has gone out: a TRANSACTION that overtook READY would reach
 * a shim that drops it (the Java shim ignores everything but READY while established) and time out.
 */
class HandlerRegistryTest {

    final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    @Test
    void aHandlerBetweenRegisterAndReadyIsRegisteredButNotOfferedByName() throws Exception {
        CountDownLatch registeredSent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StreamObserver<ChaincodeMessage> chaincodeSide = new StreamObserver<>() {
            @Override
            public void onNext(ChaincodeMessage m) {
                if (m.getType() == ChaincodeMessage.Type.REGISTERED) {
                    registeredSent.countDown();
                    awaitUninterruptibly(release); // the stream thread is slow to send READY
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
        HandlerRegistry registry = new HandlerRegistry();
        Handler handler = new Handler(chaincodeSide, registry, executor, ChaincodeSupport.DEFAULT_TOTAL_QUERY_LIMIT,
                ch -> Optional.empty(), () -> null);
        CompletableFuture<Void> ready = registry.whenReady("kv:1.0");

        // inbound messages arrive on gRPC's call executor, and the handler works on that thread
        executor.execute(() -> handler.onNext(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTER)
                .setPayload(ChaincodeID.newBuilder().setName("kv:1.0").build().toByteString()).build()));
        assertThat(registeredSent.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(registry.chaincodeIds()).containsExactly("kv:1.0");
        assertThat(registry.handlerForName("kv")).isEmpty();
        assertThat(registry.handlerForName("kv:1.0")).isEmpty();
        assertThat(registry.isReady("kv:1.0")).isFalse();
        assertThat(ready).isNotDone();

        release.countDown();
        ready.get(10, TimeUnit.SECONDS);
        assertThat(registry.handlerForName("kv")).containsSame(handler);
        assertThat(registry.handlerForName("kv:1.0")).containsSame(handler);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
