package io.weft.orderer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;

import io.grpc.Channel;
import io.grpc.stub.StreamObserver;

/** Broadcast through the generated stub, as a client does. */
public final class BroadcastClient {

    private BroadcastClient() {
    }

    /** Sends the messages on one stream, half-closes it, and returns every response until the server ends it. */
    public static List<BroadcastResponse> broadcast(Channel channel, Envelope... messages) throws Exception {
        return StreamResponses.send(AtomicBroadcastGrpc.newStub(channel)::broadcast, messages).all();
    }
}
