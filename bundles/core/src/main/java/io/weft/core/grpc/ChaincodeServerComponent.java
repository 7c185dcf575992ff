package io.weft.core.grpc;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.BindableService;
import io.netty.handler.ssl.SslContext;
import io.weft.api.node.GrpcServices;
import io.weft.comm.GrpcServerSettings;
import io.weft.comm.HostPort;
import io.weft.comm.NettyGrpcServer;
import io.weft.comm.TlsSettings;
import io.weft.config.PeerConfigurations;
import io.weft.core.chaincode.ChaincodeTls;
import io.weft.core.node.Endpoint;

/**
 * The chaincode listener on {@code peer.chaincodeListenAddress} (default: the peer's listen host, port 7052).
 * Bundles contribute services with {@code weft.grpc.server=chaincode}. With {@code peer.tls.enabled} it serves TLS
 * with the certificate of the peer's chaincode CA and requires client certificates from it ({@link ChaincodeTls}).
 * A listener that cannot bind is logged, not a start-up failure: chaincode support is optional in Weft so far.
 */
@Component(immediate = true, service = {}, configurationPid = PeerConfigurations.GRPC_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ChaincodeServerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeServerComponent.class);
    private static final String CHAINCODE_SERVICES = "(" + GrpcServices.SERVER + "=" + GrpcServices.CHAINCODE + ")";

    /** {@code peer.chaincodeListenAddress}, {@code peer.tls.enabled}, keepalive and sizes. */
    public @interface Config {
        String chaincodeListenAddress() default "0.0.0.0:7052";

        long keepalive_intervalMillis() default 7_200_000L;

        long keepalive_timeoutMillis() default 20_000L;

        long keepalive_minIntervalMillis() default 60_000L;

        long maxRecvMsgSize() default 104_857_600L;
    }

    private final GrpcServiceTable services = new GrpcServiceTable(new ConcurrencyLimiter());
    private NettyGrpcServer server;
    private ServiceRegistration<?> registration;

    @Reference
    ChaincodeTls tls;

    @Activate
    void activate(BundleContext context, Config config) {
        HostPort listen = HostPort.parse(config.chaincodeListenAddress());
        GrpcServerSettings settings = new GrpcServerSettings(listen, TlsSettings.DISABLED,
                Duration.ofMillis(config.keepalive_intervalMillis()), Duration.ofMillis(config.keepalive_timeoutMillis()),
                Duration.ofMillis(config.keepalive_minIntervalMillis()), (int) config.maxRecvMsgSize());
        try {
            Optional<SslContext> ssl = tls.serverContext();
            server = NettyGrpcServer.start(settings, "weft-cc", 2, services::isNonBlocking, b -> {
                ssl.ifPresent(b::sslContext);
                return b.fallbackHandlerRegistry(services.registry());
            });
        } catch (IOException | RuntimeException e) {
            LOG.error("chaincode listener not started: cannot serve gRPC on peer.chaincodeListenAddress {}: {}", listen,
                    e.getMessage());
            return;
        }
        HostPort bound = server.bound(listen);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Endpoint.NAME_PROPERTY, GrpcServices.CHAINCODE);
        registration = context.registerService(Endpoint.class,
                new ServerEndpoint(GrpcServices.CHAINCODE, bound), props);
        LOG.info("chaincode gRPC server listening on {} (TLS {})", bound, tls.enabled() ? "on" : "off");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = CHAINCODE_SERVICES)
    void bindService(BindableService service, Map<String, Object> props) {
        GrpcServiceTable.Contribution c = GrpcServiceTable.Contribution.of(service, props);
        services.add(c);
        LOG.info("gRPC service {} served on the chaincode listener (service {})", c.serviceName(), c.serviceId());
    }

    void unbindService(BindableService service, Map<String, Object> props) {
        services.remove((Long) props.get(Constants.SERVICE_ID));
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
