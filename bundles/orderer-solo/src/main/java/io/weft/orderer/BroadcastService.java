package io.weft.orderer;

import java.util.Objects;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;

import io.grpc.stub.StreamObserver;

/**
 * {@code orderer.AtomicBroadcast}. Broadcast: each envelope of a stream gets its response, in order, a
 * {@code SUCCESS} once the block holding it is stored; a refusal ends the stream once what came before it is answered,
 * as Fabric's handler returns then ({@link BroadcastStream}). Checking runs on grpc-java's request executor and
 * ordering on the channel's own thread, so no transport event loop ever does either, and no thread waits for a block.
 * Deliver is served by the {@link OrdererDeliver} given; without one grpc answers {@code UNIMPLEMENTED}.
 */
public final class BroadcastService extends AtomicBroadcastGrpc.AtomicBroadcastImplBase {

    /**
     * Messages a stream may have read and not yet answered: two blocks of the default {@code MaxMessageCount} (500),
     * so one stream can fill blocks on its own while the previous one is written.
     */
    static final int STREAM_WINDOW = 1000;

    private final BroadcastHandler handler;
    private final OrdererDeliver deliver; // null: Deliver is not served
    private final int window;

    public BroadcastService(BroadcastHandler handler) {
        this(handler, null, STREAM_WINDOW);
    }

    /** Serves Broadcast with {@code handler} and Deliver with {@code deliver}, whose streams it does not own. */
    public BroadcastService(BroadcastHandler handler, OrdererDeliver deliver) {
        this(handler, Objects.requireNonNull(deliver, "deliver"), STREAM_WINDOW);
    }

    BroadcastService(BroadcastHandler handler, OrdererDeliver deliver, int window) {
        this.handler = handler;
        this.deliver = deliver;
        this.window = window;
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
        return deliver == null ? super.deliver(responses) : deliver.deliver(responses);
    }

    @Override
    public StreamObserver<Envelope> broadcast(StreamObserver<BroadcastResponse> responses) {
        return BroadcastStream.open(handler, responses, window);
    }
}
