package io.weft.scc.lifecycle;

import org.hyperledger.fabric.protos.peer.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.weft.api.chaincode.ChaincodePackages;
import io.weft.api.channel.PeerChannels;
import io.weft.api.identity.SigningIdentity;
import io.weft.api.scc.SccInvocation;
import io.weft.api.scc.SystemChaincode;

/** {@code _lifecycle} as a service: the peer's channels, its package store and its organization (the signer's MSP). */
@Component(service = SystemChaincode.class, property = SystemChaincode.NAME_PROPERTY + "=" + LifecycleScc.NAME)
public class LifecycleComponent implements SystemChaincode {

    private final LifecycleScc scc;

    @Activate
    public LifecycleComponent(@Reference(name = "channels") PeerChannels channels,
            @Reference(name = "packages") ChaincodePackages packages,
            @Reference(name = "signer") SigningIdentity signer) {
        this.scc = new LifecycleScc(channels, packages, signer.mspId());
    }

    @Override
    public Response invoke(SccInvocation invocation) {
        return scc.invoke(invocation);
    }
}
