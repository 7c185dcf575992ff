package io.weft.orderer.node;

import java.io.IOException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.BccspException;
import io.weft.bccsp.SwOptions;
import io.weft.comm.HostPort;
import io.weft.comm.HttpListener;
import io.weft.comm.TlsSettings;
import io.weft.config.OrdererConfigurations;
import io.weft.orderer.ChainRegistry;

/**
 * The orderer's admin endpoint ({@code Admin.ListenAddress}, TLS with client certificates per {@code Admin.TLS})
 * serving the channel participation API on the running orderer's {@link ChainRegistry}.
 */
@Component(immediate = true, service = {}, configurationPid = OrdererConfigurations.ADMIN_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ChannelParticipationComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelParticipationComponent.class);
    /** Room for the multipart framing around a body of the largest size accepted. */
    private static final int FORM_OVERHEAD = 64 * 1024;

    /** The PID {@value OrdererConfigurations#ADMIN_PID}. */
    public @interface Config {
        String listenAddress() default "127.0.0.1:0";

        boolean tls_enabled() default false;

        boolean tls_clientAuthRequired() default true;

        String tls_cert_file() default "";

        String tls_key_file() default "";

        String[] tls_clientRootCAs_files() default {};

        boolean channelParticipation_enabled() default false;

        int channelParticipation_maxRequestBodySize() default 1024 * 1024;
    }

    private final HttpListener listener;
    private final ServiceRegistration<?> registration;

    @Activate
    public ChannelParticipationComponent(BundleContext context, Config config, @Reference ChainRegistry registry) {
        HostPort listen = HostPort.parse(config.listenAddress());
        TlsSettings tls = TlsSettings.of(config.tls_enabled(), config.tls_clientAuthRequired(), config.tls_cert_file(),
                config.tls_key_file(), "", config.tls_clientRootCAs_files());
        int maxBody = config.channelParticipation_maxRequestBodySize();
        HttpListener started = null;
        ServiceRegistration<?> registered;
        try {
            ChannelParticipation routes = new ChannelParticipation(registry, Bccsp.software(SwOptions.defaults()),
                    config.channelParticipation_enabled(), maxBody, tls.enabled());
            started = HttpListener.start(listen, tls, (int) Math.min(Integer.MAX_VALUE, (long) maxBody + FORM_OVERHEAD),
                    "weft-orderer-admin", routes);
            HostPort bound = started.bound(listen);
            LOG.info("Orderer admin endpoint listening on {} (TLS {}, channel participation {})", bound,
                    tls.enabled() ? "on" : "off", config.channelParticipation_enabled() ? "enabled" : "disabled");
            registered = context.registerService(AdminEndpoint.class, new AdminEndpoint(bound), null);
        } catch (IOException | BccspException e) {
            String reason = "cannot listen on Admin.ListenAddress " + listen + ": " + e.getMessage();
            LOG.error("{}", reason);
            registered = FailedCheck.report(context, "orderer.admin", reason);
        }
        listener = started;
        registration = registered;
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        if (listener != null) {
            listener.stop();
        }
    }
}
