package io.weft.core.operations;

import java.io.IOException;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.api.node.HealthChecker;
import io.weft.comm.HostPort;
import io.weft.comm.HttpListener;
import io.weft.comm.TlsSettings;
import io.weft.config.PeerConfigurations;
import io.weft.core.logging.LogControl;
import io.weft.core.node.Endpoint;
import io.weft.core.node.StartupFailure;

/** The operations endpoint on {@code operations.listenAddress}, TLS and client auth per {@code operations.tls}. */
@Component(immediate = true, service = {}, configurationPid = PeerConfigurations.OPERATIONS_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class OperationsServerComponent {

    public static final String VERSION_PROPERTY = "weft.version";
    public static final String COMMIT_PROPERTY = "weft.commit";

    private static final Logger LOG = LoggerFactory.getLogger(OperationsServerComponent.class);
    private static final int MAX_BODY = 1024 * 1024;

    /** {@code operations.*} and {@code metrics.provider}. */
    public @interface Config {
        String listenAddress() default "127.0.0.1:9443";

        boolean tls_enabled() default false;

        boolean tls_clientAuthRequired() default false;

        String tls_cert_file() default "";

        String tls_key_file() default "";

        String[] tls_clientRootCAs_files() default {};

        String metrics_provider() default "disabled";
    }

    private final ExecutorService checks = Executors.newCachedThreadPool(new DefaultThreadFactory("weft-health", true));
    private final HealthChecks health = new HealthChecks(checks);
    @Reference
    private LogControl logging;
    private HttpListener listener;
    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context, Config config) {
        HostPort listen = HostPort.parse(config.listenAddress());
        TlsSettings tls = TlsSettings.of(config.tls_enabled(), config.tls_clientAuthRequired(), config.tls_cert_file(),
                config.tls_key_file(), "", config.tls_clientRootCAs_files());
        if (!config.metrics_provider().equals("disabled")) {
            LOG.warn("metrics.provider {}: Weft does not export metrics yet; /metrics is not served", config.metrics_provider());
        }
        OperationsRoutes routes = new OperationsRoutes(health, logging, property(context, VERSION_PROPERTY),
                property(context, COMMIT_PROPERTY), tls.enabled(), Clock.systemDefaultZone());
        try {
            listener = HttpListener.start(listen, tls, MAX_BODY, "weft-operations", r -> {
                OperationsRoutes.Answer a = routes.answer(new OperationsRoutes.Request(r.method(), r.uri(), r.body(),
                        r.verifiedClientCertificate()));
                return new HttpListener.Answer(a.status(),
                        a.contentType().isEmpty() ? Map.of() : Map.of("Content-Type", a.contentType()), a.body());
            });
        } catch (IOException e) {
            registration = StartupFailure.report(context, "operations endpoint",
                    "cannot listen on operations.listenAddress " + listen + ": " + e.getMessage());
            checks.shutdownNow();
            return;
        }
        HostPort bound = listener.bound(listen);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Endpoint.NAME_PROPERTY, "operations");
        registration = context.registerService(Endpoint.class, new OperationsEndpoint(bound), props);
        LOG.info("Operations endpoint listening on {} (TLS {})", bound, tls.enabled() ? "on" : "off");
    }

    private static String property(BundleContext context, String name) {
        String value = context.getProperty(name);
        return value == null ? "unknown" : value;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindChecker(HealthChecker checker) {
        health.add(checker);
    }

    void unbindChecker(HealthChecker checker) {
        health.remove(checker);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        shutdown();
    }

    private void shutdown() {
        if (listener != null) {
            listener.stop();
        }
        checks.shutdownNow();
    }

    private record OperationsEndpoint(HostPort address) implements Endpoint {
        @Override
        public String name() {
            return "operations";
        }
    }
}
