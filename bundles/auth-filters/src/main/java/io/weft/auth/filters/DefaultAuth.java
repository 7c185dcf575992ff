package io.weft.auth.filters;

import java.util.concurrent.CompletionStage;

import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.osgi.service.component.annotations.Component;

import io.weft.api.handler.AuthFilter;
import io.weft.api.handler.ProposalContext;

/** Fabric's {@code DefaultAuth}: no access control, hands the proposal to the rest of the chain. */
@Component(service = AuthFilter.class, property = {"weft.handler.name=DefaultAuth", "weft.handler.kind=auth"})
public final class DefaultAuth implements AuthFilter {

    @Override
    public CompletionStage<ProposalResponse> filter(ProposalContext context, SignedProposal proposal, Next next) {
        return next.process(proposal);
    }
}
