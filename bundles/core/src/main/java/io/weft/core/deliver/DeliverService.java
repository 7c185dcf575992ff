package io.weft.core.deliver;

import java.util.Objects;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;

import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.weft.acl.AclException;
import io.weft.acl.AclProvider;
import io.weft.core.grpc.ClientCertificateInterceptor;
import io.weft.core.grpc.RemoteAddress;
import io.weft.deliver.AccessPolicy;
import io.weft.deliver.DeliverStreams;
import io.weft.deliver.DeliverSupport;

/**
 * {@code protos.Deliver}: each call is a Deliver stream of the method's kind, checked by the ACL of the
 * method's resource, told the caller's address and TLS certificate.
 */
final class DeliverService extends DeliverGrpc.DeliverImplBase {

    private final DeliverStreams<DeliverChannel> streams;
    private final AclProvider acl;

    DeliverService(DeliverSupport<DeliverChannel> support, AclProvider acl) {
        this.streams = new DeliverStreams<>(support);
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
        streams.stop();
    }

    private StreamObserver<Envelope> open(DeliverKind kind, StreamObserver<DeliverResponse> responses) {
        return streams.open(kind, access(kind.resource()), responses, RemoteAddress.current(),
                ClientCertificateInterceptor.CLIENT_CERTIFICATE.get());
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
