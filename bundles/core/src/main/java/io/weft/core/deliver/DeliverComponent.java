package io.weft.core.deliver;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.acl.AclProvider;
import io.weft.api.node.GrpcServices;
import io.weft.config.PeerConfigurations;
import io.weft.core.committer.ChannelCommitters;
import io.weft.deliver.DeliverSupport;
import io.weft.deliver.TlsBinding;
import io.weft.msp.LocalMsp;

/**
 * Contributes {@code protos.Deliver} to the peer's gRPC server ({@code peer.limits.concurrency.deliverService}
 * applies there). Mutual TLS ({@code peer.tls.enabled} and {@code peer.tls.clientAuthRequired}) and
 * {@code peer.authentication.timewindow} come from the gRPC server's and the time window's configurations. The
 * channels are followed live: while the ledgers are closed every request answers NOT_FOUND.
 */
@Component(immediate = true, service = BindableService.class,
        property = GrpcServices.SERVER + "=" + GrpcServices.PEER,
        configurationPid = {PeerConfigurations.GRPC_PID, PeerConfigurations.TIMEWINDOW_PID},
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class DeliverComponent implements BindableService {

    /** The keys of the gRPC server's and the time window's configurations that Deliver reads. */
    public @interface Config {
        boolean tls_enabled() default false;

        boolean tls_clientAuthRequired() default false;

        long timewindowMillis() default 900_000L;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChannelCommitters committers;

    private final ExecutorService executor;
    private final DeliverService service;

    @Activate
    public DeliverComponent(@Reference LocalMsp localMsp, Config config) {
        // turns are short and never wait: a thread per core serves any number of streams
        this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("weft-deliver", true));
        Duration window = Duration.ofMillis(config.timewindowMillis() > 0 ? config.timewindowMillis() : 900_000L);
        this.service = new DeliverService(new DeliverSupport<>(this::channel, window,
                new TlsBinding(config.tls_enabled() && config.tls_clientAuthRequired()), Clock.systemUTC(), executor,
                new LongAdder()), new AclProvider(localMsp.msp()));
    }

    private Optional<DeliverChannel> channel(String channelId) {
        ChannelCommitters c = committers;
        return c == null ? Optional.empty() : c.committer(channelId).map(DeliverChannel::new);
    }

    @Override
    public ServerServiceDefinition bindService() {
        return service.definition();
    }

    /** Open streams end with UNAVAILABLE, their last turns run (briefly), and the threads stop. */
    @Deactivate
    void deactivate() throws InterruptedException {
        service.stop();
        executor.shutdown();
        if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
