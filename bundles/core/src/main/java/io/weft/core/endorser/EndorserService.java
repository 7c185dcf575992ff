package io.weft.core.endorser;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.weft.api.handler.ProposalContext;
import io.weft.core.grpc.RemoteAddress;

/**
 * {@code protos.Endorser}: hands each proposal to the {@link Endorser}; a refusal before simulation (or by an auth
 * filter) is a gRPC error with status UNKNOWN and the refusal's text, as Fabric's endorser answers. Declared
 * non-blocking: runs on the server's work-stealing pool, never on the transport's event loop, and answers when the
 * endorser's stage completes (for a user chaincode, on the thread that receives the chaincode's answer); no input can
 * end the service.
 */
public final class EndorserService extends EndorserGrpc.EndorserImplBase {

    private static final Logger LOG = LoggerFactory.getLogger("io.weft.core.endorser");

    private final Endorser endorser;

    public EndorserService(Endorser endorser) {
        this.endorser = requireNonNull(endorser, "endorser");
    }

    @Override
    public void processProposal(SignedProposal request, StreamObserver<ProposalResponse> observer) {
        String remote = RemoteAddress.current();
        ProposalContext context = () -> remote;
        CompletionStage<ProposalResponse> stage;
        try {
            stage = endorser.process(context, request);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((response, failure) -> {
            try {
                if (failure == null) {
                    observer.onNext(response);
                    observer.onCompleted();
                } else {
                    String message = Endorser.failureMessage(failure);
                    LOG.warn("Proposal from {} refused: {}", remote, message);
                    observer.onError(Status.UNKNOWN.withDescription(message).asRuntimeException());
                }
            } catch (RuntimeException e) {
                LOG.debug("Could not answer {}: {}", remote, e.getMessage());
            }
        });
    }
}
