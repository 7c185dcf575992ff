package io.weft.api.handler;

import java.util.concurrent.CompletionStage;

import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A filter around {@code ProcessProposal} (Fabric's {@code auth.Filter}). Filters run in the order
 * of {@code peer.handlers.authFilters}; each either answers itself or passes the proposal on.
 * Unlike Fabric's {@code Init(next)}, the next step is passed per call, so filters hold no links
 * to each other and can come and go while the peer serves.
 *
 * <p>A filter that rejects completes the stage exceptionally; the peer answers the client with a
 * gRPC error carrying the exception's message, as Fabric does for filter errors. Called on a
 * request thread, concurrently; implementations must be thread-safe and must not block.
 */
@ConsumerType
public interface AuthFilter {

    /** The rest of the chain, ending in the endorser. */
    @FunctionalInterface
    interface Next {
        CompletionStage<ProposalResponse> process(SignedProposal proposal);
    }

    CompletionStage<ProposalResponse> filter(ProposalContext context, SignedProposal proposal, Next next);
}
