package io.weft.orderer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.hyperledger.fabric.protos.common.Envelope;

import io.grpc.stub.StreamObserver;

/**
 * The responses of one client stream, as the server sends them, and how it ended.
 *
 * @param <T> the response message
 */
final class StreamResponses<T> implements StreamObserver<T> {

    final BlockingQueue<T> responses = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();

    /** Opens a stream with {@code call}, sends {@code requests} on it and half-closes it. */
    static <T> StreamResponses<T> send(Function<StreamObserver<T>, StreamObserver<Envelope>> call,
            Envelope... requests) {
        StreamResponses<T> responses = new StreamResponses<>();
        StreamObserver<Envelope> out = call.apply(responses);
        for (Envelope r : requests) {
            out.onNext(r);
        }
        out.onCompleted();
        return responses;
    }

    @Override
    public void onNext(T value) {
        responses.add(value);
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
        done.complete(null);
    }

    /** The next response, within 10s. */
    T next() throws InterruptedException {
        T r = responses.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a response within 10s").isNotNull();
        return r;
    }

    /** Every response until the server ends the stream (within 10s); its error, if it failed. */
    List<T> all() throws Exception {
        done.get(10, TimeUnit.SECONDS);
        return new ArrayList<>(responses);
    }
}
