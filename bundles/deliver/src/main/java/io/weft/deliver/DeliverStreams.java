package io.weft.deliver;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.common.Envelope;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The open Deliver streams of one service: each gRPC call becomes a {@link DeliverStream} over the service's
 * channels, and stopping the service ends them all.
 *
 * @param <C> the channels served
 */
public final class DeliverStreams<C extends BlockSource> {

    private final DeliverSupport<C> support;
    private final Set<DeliverStream<?, ?>> streams = ConcurrentHashMap.newKeySet();

    public DeliverStreams(DeliverSupport<C> support) {
        this.support = Objects.requireNonNull(support, "support");
    }

    /**
     * Serves one call; to be called from the gRPC service method, where gRPC lets the stream's handlers be set.
     *
     * @param responder         what the method sends
     * @param policy            who may read the requested channel
     * @param responses         the call's response stream (a server call's, as gRPC hands it)
     * @param remote            the client's address, for logs
     * @param clientCertificate the client's TLS certificate, or {@code null}
     * @return the call's request observer
     */
    public <R> StreamObserver<Envelope> open(DeliverResponder<C, R> responder, AccessPolicy policy,
            StreamObserver<R> responses, String remote, X509Certificate clientCertificate) {
        // the stream can end only on a later turn, so it is in the set before it can leave it
        DeliverStream<C, R> stream = DeliverStream.open(responder, policy, support,
                (ServerCallStreamObserver<R>) responses, remote, clientCertificate, streams::remove);
        streams.add(stream);
        return stream;
    }

    /** Ends every open stream with UNAVAILABLE, so that their clients reconnect to the service that replaces it. */
    public void stop() {
        List.copyOf(streams).forEach(DeliverStream::stop);
    }
}
