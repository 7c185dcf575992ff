package io.weft.orderer;

import java.util.Objects;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.stub.StreamObserver;

/**
 * {@code orderer.AtomicBroadcast}. Broadcast: each envelope of a stream gets its response, in order; the first
 * refusal ends the stream after its response, as Fabric's handler returns then. Checking runs on grpc-java's request
 * executor and ordering on the channel's own thread, so no transport event loop ever does either. Deliver is served
 * by the {@link OrdererDeliver} given; without one grpc answers {@code UNIMPLEMENTED}.
 */
public final class BroadcastService extends AtomicBroadcastGrpc.AtomicBroadcastImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastService.class);

    private final BroadcastHandler handler;
    private final OrdererDeliver deliver; // null: Deliver is not served

    public BroadcastService(BroadcastHandler handler) {
        this.handler = handler;
        this.deliver = null;
    }

    /** Serves Broadcast with {@code handler} and Deliver with {@code deliver}, whose streams it does not own. */
    public BroadcastService(BroadcastHandler handler, OrdererDeliver deliver) {
        this.handler = handler;
        this.deliver = Objects.requireNonNull(deliver, "deliver");
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
        return deliver == null ? super.deliver(responses) : deliver.deliver(responses);
    }

    @Override
    public StreamObserver<Envelope> broadcast(StreamObserver<BroadcastResponse> responses) {
        return new StreamObserver<>() {
            private boolean ended;

            @Override
            public void onNext(Envelope message) {
                if (ended) {
                    return;
                }
                BroadcastResponse response = handler.process(message);
                responses.onNext(response);
                if (response.getStatus() != Status.SUCCESS) {
                    ended = true;
                    responses.onCompleted();
                }
            }

            @Override
            public void onError(Throwable t) {
                LOG.debug("Broadcast stream failed: {}", t.getMessage());
            }

            @Override
            public void onCompleted() {
                if (!ended) {
                    ended = true;
                    responses.onCompleted();
                }
            }
        };
    }
}
