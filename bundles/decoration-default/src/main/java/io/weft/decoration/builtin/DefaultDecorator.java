package io.weft.decoration.builtin;

import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.osgi.service.component.annotations.Component;

import io.weft.api.handler.Decorator;

/** Fabric's {@code DefaultDecorator}: returns the chaincode input unchanged. */
@Component(service = Decorator.class, property = {"weft.handler.name=DefaultDecorator", "weft.handler.kind=decoration"})
public final class DefaultDecorator implements Decorator {

    @Override
    public ChaincodeInput decorate(Proposal proposal, ChaincodeInput input) {
        return input;
    }
}
