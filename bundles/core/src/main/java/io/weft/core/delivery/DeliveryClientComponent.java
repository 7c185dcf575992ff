package io.weft.core.delivery;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

import io.weft.api.identity.SigningIdentity;
import io.weft.comm.PemFiles;
import io.weft.config.PeerConfigurations;
import io.weft.core.committer.BlockCommitter;
import io.weft.core.committer.ChannelCommitters;

/**
 * The block delivery client: one {@link BlockDeliverer} per joined channel, started for the channels the committers
 * have and for each channel joined later, all stopped when the committers go (a storage backend swap brings new
 * ones). Configured by {@code peer.tls} (the client side: {@code clientCert}/{@code clientKey}, else the server pair)
 * and {@code peer.deliveryclient}.
 */
@Component(immediate = true, service = {}, configurationPid = PeerConfigurations.GRPC_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class DeliveryClientComponent {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryClientComponent.class);

    /** {@code peer.tls.*} and {@code peer.deliveryclient.*}. */
    public @interface Config {
        boolean tls_enabled() default false;

        String tls_cert_file() default "";

        String tls_key_file() default "";

        String tls_clientCert_file() default "";

        String tls_clientKey_file() default "";

        long deliveryclient_connTimeoutMillis() default 3_000L;

        long deliveryclient_reConnectBackoffThresholdMillis() default 3_600_000L;

        long deliveryclient_reconnectTotalTimeThresholdMillis() default 3_600_000L;

        String[] deliveryclient_addressOverrides_from() default {};

        String[] deliveryclient_addressOverrides_to() default {};

        String[] deliveryclient_addressOverrides_caCertsFile() default {};
    }

    private final SigningIdentity signer;
    private final OrdererDialer dialer;
    private final BlockDeliverer.Settings settings;
    private final Map<String, BlockDeliverer> deliverers = new ConcurrentHashMap<>();
    private AutoCloseable subscription;

    @Activate
    public DeliveryClientComponent(Config config, @Reference SigningIdentity signer) throws IOException {
        this.signer = signer;
        this.dialer = new OrdererDialer(clientTls(config), Duration.ofMillis(config.deliveryclient_connTimeoutMillis()));
        this.settings = new BlockDeliverer.Settings(
                Duration.ofMillis(config.deliveryclient_reConnectBackoffThresholdMillis()),
                Duration.ofMillis(config.deliveryclient_reconnectTotalTimeThresholdMillis()), overrides(config));
    }

    private static Map<String, AddressOverride> overrides(Config config) throws IOException {
        Map<String, AddressOverride> overrides = new java.util.HashMap<>();
        String[] from = config.deliveryclient_addressOverrides_from();
        String[] to = config.deliveryclient_addressOverrides_to();
        String[] cas = config.deliveryclient_addressOverrides_caCertsFile();
        for (int i = 0; i < from.length && i < to.length; i++) {
            List<X509Certificate> roots = i < cas.length && !cas[i].isBlank() ? PemFiles.certificates(Path.of(cas[i]))
                    : List.of();
            overrides.put(from[i], new AddressOverride(from[i], to[i], roots));
        }
        return overrides;
    }

    private static OrdererDialer.ClientTls clientTls(Config config) throws IOException {
        if (!config.tls_enabled()) {
            return OrdererDialer.ClientTls.PLAINTEXT;
        }
        boolean client = !config.tls_clientCert_file().isBlank() && !config.tls_clientKey_file().isBlank();
        String cert = client ? config.tls_clientCert_file() : config.tls_cert_file();
        String key = client ? config.tls_clientKey_file() : config.tls_key_file();
        if (cert.isBlank() || key.isBlank()) {
            return new OrdererDialer.ClientTls(true, Optional.empty(), List.of());
        }
        PrivateKey privateKey = PemFiles.privateKey(Path.of(key));
        List<X509Certificate> chain = PemFiles.certificates(Path.of(cert));
        return new OrdererDialer.ClientTls(true, Optional.of(privateKey), chain);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCommitters")
    synchronized void bindCommitters(ChannelCommitters committers) {
        stopAll();
        subscription = committers.onChannel(this::start);
    }

    synchronized void unbindCommitters(ChannelCommitters committers) {
        stopAll();
    }

    private void start(BlockCommitter committer) {
        deliverers.computeIfAbsent(committer.channelId(), ch -> {
            LOG.info("[{}] Starting block delivery from the channel's orderers", ch);
            return new BlockDeliverer(committer, signer, dialer, settings).start();
        });
    }

    private void stopAll() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("closing the channel subscription: {}", e.toString());
            }
            subscription = null;
        }
        deliverers.values().forEach(BlockDeliverer::close);
        deliverers.clear();
    }

    @Deactivate
    synchronized void deactivate() {
        stopAll();
        dialer.close();
    }
}
