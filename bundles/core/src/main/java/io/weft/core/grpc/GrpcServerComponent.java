package io.weft.core.grpc;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

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
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.weft.api.node.GrpcServices;
import io.weft.comm.GrpcServerSettings;
import io.weft.comm.HostPort;
import io.weft.comm.NettyGrpcServer;
import io.weft.comm.TlsSettings;
import io.weft.config.PeerConfigurations;
import io.weft.core.node.Endpoint;
import io.weft.core.node.StartupFailure;

/**
 * The peer's gRPC server on {@code peer.listenAddress}. Bundles contribute services by registering
 * a {@link BindableService} with {@code weft.grpc.server=peer}; they are served while registered.
 * The standard health service answers SERVING once the server listens.
 */
@Component(immediate = true, service = {}, configurationPid = PeerConfigurations.GRPC_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class GrpcServerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcServerComponent.class);
    private static final String PEER_SERVICES = "(" + GrpcServices.SERVER + "=" + GrpcServices.PEER + ")";

    /** {@code peer.listenAddress}, {@code peer.tls.*}, {@code peer.keepalive.*}, sizes and limits. */
    public @interface Config {
        String listenAddress() default "0.0.0.0:7051";

        boolean tls_enabled() default false;

        boolean tls_clientAuthRequired() default false;

        String tls_cert_file() default "";

        String tls_key_file() default "";

        String tls_rootcert_file() default "";

        String[] tls_clientRootCAs_files() default {};

        long keepalive_intervalMillis() default 7_200_000L;

        long keepalive_timeoutMillis() default 20_000L;

        long keepalive_minIntervalMillis() default 60_000L;

        long maxRecvMsgSize() default 104_857_600L;

        long limits_concurrency_endorserService() default 0;

        long limits_concurrency_deliverService() default 0;

        long limits_concurrency_gatewayService() default 0;
    }

    private final ConcurrencyLimiter limiter = new ConcurrencyLimiter();
    private final GrpcServiceTable services = new GrpcServiceTable(limiter);
    private final HealthStatusManager health = new HealthStatusManager();
    private NettyGrpcServer server;
    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context, Config config) {
        limiter.configure(Map.of(
                "protos.Endorser", (int) config.limits_concurrency_endorserService(),
                "protos.Deliver", (int) config.limits_concurrency_deliverService(),
                "gateway.Gateway", (int) config.limits_concurrency_gatewayService()));
        HostPort listen = HostPort.parse(config.listenAddress());
        GrpcServerSettings settings = new GrpcServerSettings(listen,
                TlsSettings.of(config.tls_enabled(), config.tls_clientAuthRequired(), config.tls_cert_file(),
                        config.tls_key_file(), config.tls_rootcert_file(), config.tls_clientRootCAs_files()),
                Duration.ofMillis(config.keepalive_intervalMillis()), Duration.ofMillis(config.keepalive_timeoutMillis()),
                Duration.ofMillis(config.keepalive_minIntervalMillis()), (int) config.maxRecvMsgSize());
        try {
            server = NettyGrpcServer.start(settings, "weft-grpc", Runtime.getRuntime().availableProcessors(),
                    services::isNonBlocking, b -> b.addService(health.getHealthService())
                            .fallbackHandlerRegistry(services.registry())
                            .intercept(new RemoteAddress()));
        } catch (IOException | RuntimeException e) {
            String reason = "cannot serve gRPC on peer.listenAddress " + listen + ": " + describe(e);
            registration = StartupFailure.report(context, "peer server", reason);
            return;
        }
        health.setStatus("", ServingStatus.SERVING);
        HostPort bound = server.bound(listen);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Endpoint.NAME_PROPERTY, "peer");
        registration = context.registerService(Endpoint.class, new ServerEndpoint("peer", bound), props);
        LOG.info("gRPC server listening on {} (TLS {}{})", bound, config.tls_enabled() ? "on" : "off",
                config.tls_enabled() && config.tls_clientAuthRequired() ? ", client authentication required" : "");
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = PEER_SERVICES)
    void bindService(BindableService service, Map<String, Object> props) {
        GrpcServiceTable.Contribution c = GrpcServiceTable.Contribution.of(service, props);
        services.add(c);
        LOG.info("gRPC service {} served (service {})", c.serviceName(), c.serviceId());
    }

    void unbindService(BindableService service, Map<String, Object> props) {
        services.remove((Long) props.get(Constants.SERVICE_ID));
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        health.enterTerminalState();
        if (server != null) {
            server.stop();
        }
    }
}
