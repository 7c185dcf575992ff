package io.weft.core.chaincode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.weft.api.node.GrpcServices;
import io.weft.config.PeerConfigurations;

/**
 * Chaincode support in dev mode: contributes {@code protos.ChaincodeSupport} to the chaincode listener and offers
 * {@link ChaincodeSupport} for execution. Configured by {@code chaincode.executetimeout} and {@code chaincode.keepalive}.
 */
@Component(immediate = true, service = {ChaincodeSupport.class, BindableService.class},
        configurationPid = PeerConfigurations.CHAINCODE_PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = GrpcServices.SERVER + "=" + GrpcServices.CHAINCODE)
public final class ChaincodeSupportComponent extends ChaincodeSupport implements BindableService {

    /** {@code chaincode.executetimeout}, {@code chaincode.keepalive}. */
    public @interface Config {
        long executetimeoutMillis() default 30_000L;

        long keepaliveMillis() default 0L;
    }

    @Activate
    public ChaincodeSupportComponent(Config config) {
        super(config.executetimeoutMillis(), config.keepaliveMillis());
    }

    @Override
    public ServerServiceDefinition bindService() {
        return service().bindService();
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
