package io.weft.orderer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One Broadcast stream. Response i answers message i: answers that are ready wait for every earlier one, so a
 * refusal goes out at once only when nothing before it is still being ordered. A refusal stops the reading of new
 * messages, as Fabric's handler returns after one; the messages already taken are still answered, then the stream
 * ends. At most {@code window} messages are read and not yet answered: the next one is requested from gRPC only when
 * one is answered, so a client that sends faster than blocks are written is held back by gRPC's flow control instead
 * of filling the orderer's memory. Nothing here waits: answers arrive on the chain's ordering thread and are sent from
 * there. Thread-safe.
 */
final class BroadcastStream implements StreamObserver<Envelope> {

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastStream.class);

    private final BroadcastHandler handler;
    private final ServerCallStreamObserver<BroadcastResponse> responses;
    // guarded by this
    private final Deque<CompletableFuture<BroadcastResponse>> unanswered = new ArrayDeque<>();
    private boolean refused;
    private boolean halfClosed;
    private boolean ended;

    private BroadcastStream(BroadcastHandler handler, ServerCallStreamObserver<BroadcastResponse> responses) {
        this.handler = handler;
        this.responses = responses;
    }

    /** Serves the call whose response side is {@code responses}; call from the service method, before it returns. */
    static BroadcastStream open(BroadcastHandler handler, StreamObserver<BroadcastResponse> responses, int window) {
        ServerCallStreamObserver<BroadcastResponse> call = (ServerCallStreamObserver<BroadcastResponse>) responses;
        call.disableAutoRequest();
        BroadcastStream stream = new BroadcastStream(handler, call);
        call.setOnCancelHandler(stream::abandon); // also turns sends after a cancel into no-ops
        call.request(window);
        return stream;
    }

    @Override
    public void onNext(Envelope message) {
        synchronized (this) {
            if (refused || ended) {
                return;
            }
        }
        CompletableFuture<BroadcastResponse> answer = handler.process(message).toCompletableFuture();
        synchronized (this) {
            if (ended) {
                return;
            }
            unanswered.add(answer);
            if (answer.isDone() && answer.join().getStatus() != Status.SUCCESS) {
                refused = true;
            }
        }
        answer.thenRun(this::sendReady);
    }

    /** Sends the answers that are ready, in order. */
    private synchronized void sendReady() {
        while (!ended && !unanswered.isEmpty() && unanswered.peek().isDone()) {
            BroadcastResponse response = unanswered.remove().join();
            responses.onNext(response);
            if (response.getStatus() != Status.SUCCESS) {
                refused = true;
            } else if (!refused) {
                responses.request(1);
            }
        }
        if (!ended && unanswered.isEmpty() && (refused || halfClosed)) {
            ended = true;
            responses.onCompleted();
        }
    }

    @Override
    public void onError(Throwable t) {
        LOG.debug("Broadcast stream failed: {}", t.getMessage());
        abandon();
    }

    @Override
    public void onCompleted() {
        synchronized (this) {
            halfClosed = true;
        }
        sendReady();
    }

    /** The client went away: what it sent is still ordered, its answers are dropped. */
    private synchronized void abandon() {
        ended = true;
        unanswered.clear();
    }
}
