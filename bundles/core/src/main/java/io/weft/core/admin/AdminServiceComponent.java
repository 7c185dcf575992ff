package io.weft.core.admin;

import java.time.Clock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.weft.api.node.GrpcServices;
import io.weft.core.logging.LogControl;
import io.weft.core.msp.LocalAdmins;

/** Contributes {@code protos.Admin} to the peer's gRPC server once the local MSP is loaded. */
@Component(service = BindableService.class, property = GrpcServices.SERVER + "=" + GrpcServices.PEER)
public final class AdminServiceComponent implements BindableService {

    private final AdminServiceImpl service;

    @Activate
    public AdminServiceComponent(@Reference LocalAdmins admins, @Reference LogControl logging) {
        this.service = new AdminServiceImpl(new AdminRequests(admins, Clock.systemUTC()), logging);
    }

    @Override
    public ServerServiceDefinition bindService() {
        return service.bindService();
    }
}
