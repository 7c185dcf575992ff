package io.weft.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.DeliverResponse;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

/**
 * One Deliver call from a real gRPC client: requests go out, responses are queued as they come, and the call's end
 * (OK or an error) is recorded. With {@code manual}, the client takes a response only when the test asks for it.
 */
public final class DeliverCall implements ClientResponseObserver<Envelope, DeliverResponse> {

    private static final Duration WAIT = Duration.ofSeconds(10);

    public final BlockingQueue<DeliverResponse> responses = new LinkedBlockingQueue<>();
    final CompletableFuture<io.grpc.Status> end = new CompletableFuture<>();
    private final boolean manual;
    private ClientCallStreamObserver<Envelope> requests;

    private DeliverCall(boolean manual) {
        this.manual = manual;
    }

    /** Opens a call with {@code method}, e.g. {@code stub::deliver}. */
    public static DeliverCall open(Function<StreamObserver<DeliverResponse>, StreamObserver<Envelope>> method) {
        DeliverCall call = new DeliverCall(false);
        method.apply(call);
        return call;
    }

    /** Opens a call that reads a response only when {@link #take(int)} asks for it. */
    public static DeliverCall openManual(Function<StreamObserver<DeliverResponse>, StreamObserver<Envelope>> method) {
        DeliverCall call = new DeliverCall(true);
        method.apply(call);
        return call;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Envelope> stream) {
        requests = stream;
        if (manual) {
            stream.disableAutoRequestWithInitial(0);
        }
    }

    /** Lets the transport hand over {@code n} more responses. */
    public void take(int n) {
        requests.request(n);
    }

    public DeliverCall send(Envelope request) {
        requests.onNext(request);
        return this;
    }

    public void halfClose() {
        requests.onCompleted();
    }

    public void cancel() {
        requests.cancel("test done", null);
    }

    @Override
    public void onNext(DeliverResponse value) {
        responses.add(value);
    }

    @Override
    public void onError(Throwable t) {
        end.complete(io.grpc.Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        end.complete(io.grpc.Status.OK);
    }

    public DeliverResponse next() throws InterruptedException {
        DeliverResponse r = responses.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(r).as("a response within " + WAIT).isNotNull();
        return r;
    }

    /** The numbers of the blocks (or filtered blocks) received up to the status that closes the request. */
    public List<Long> blocksUntilStatus(Status expected) throws InterruptedException {
        List<Long> numbers = new ArrayList<>();
        while (true) {
            DeliverResponse r = next();
            switch (r.getTypeCase()) {
                case BLOCK -> numbers.add(r.getBlock().getHeader().getNumber());
                case FILTERED_BLOCK -> numbers.add(r.getFilteredBlock().getNumber());
                case BLOCK_AND_PRIVATE_DATA -> numbers.add(r.getBlockAndPrivateData().getBlock().getHeader().getNumber());
                case STATUS -> {
                    assertThat(r.getStatus()).as("status after blocks " + numbers).isEqualTo(expected);
                    return numbers;
                }
                default -> throw new AssertionError("unexpected response " + r);
            }
        }
    }

    /** Waits for the call to end, with gRPC status OK unless the server failed it. */
    public io.grpc.Status ended() throws Exception {
        return end.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
