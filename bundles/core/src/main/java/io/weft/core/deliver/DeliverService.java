package io.weft.core.deliver;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;

import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.weft.acl.AclException;
import io.weft.acl.AclProvider;
import io.weft.core.grpc.ClientCertificateInterceptor;
import io.weft.core.grpc.RemoteAddress;
import io.weft.deliver.AccessPolicy;
import io.weft.deliver.DeliverStream;
import io.weft.deliver.DeliverSupport;

/**
 * {@code protos.Deliver}: each call is a {@link DeliverStream} of the method's kind, checked by the ACL of the
 * method's resource, told the caller's address and TLS certificate.
 */
final class DeliverService extends DeliverGrpc.DeliverImplBase {

    private final DeliverSupport<DeliverChannel> support;
    private final AclProvider acl;
    private final Set<DeliverStream<?, ?>> streams = ConcurrentHashMap.newKeySet();

    DeliverService(DeliverSupport<DeliverChannel> support, AclProvider acl) {
        this.support = Objects.requireNonNull(support, "support");
        this.acl = Objects.requireNonNull(acl, "acl");
    }

    /** The service with the interceptor that hands each call its client certificate. */
    ServerServiceDefinition definition() {
        return ServerInterceptors.intercept(bindService(), new ClientCertificateInterceptor());
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
        return open(DeliverKind.BLOCK, responses);
    }

    @Override
    public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> responses) {
        return open(DeliverKind.FILTERED_BLOCK, responses);
    }

    @Override
    public StreamObserver<Envelope> deliverWithPrivateData(StreamObserver<DeliverResponse> responses) {
        return open(DeliverKind.BLOCK_AND_PRIVATE_DATA, responses);
    }

    /** Ends every open stream with UNAVAILABLE, so that their clients reconnect to the service that replaces it. */
    void stop() {
        List.copyOf(streams).forEach(DeliverStream::stop);
    }

    private StreamObserver<Envelope> open(DeliverKind kind, StreamObserver<DeliverResponse> responses) {
        // the stream can end only on a later turn, so it is in the set before it can leave it
        DeliverStream<?, ?> stream = DeliverStream.open(kind, access(kind.resource()), support,
                (ServerCallStreamObserver<DeliverResponse>) responses, RemoteAddress.current(),
                ClientCertificateInterceptor.CLIENT_CERTIFICATE.get(), streams::remove);
        streams.add(stream);
        return stream;
    }

    /** The channel's ACL for {@code resource}. */
    private AccessPolicy access(String resource) {
        return (config, requester) -> {
            try {
                acl.checkAcl(resource, config, requester);
            } catch (AclException e) {
                throw new AccessPolicy.AccessDeniedException(e.getMessage(), e);
            }
        };
    }
}
