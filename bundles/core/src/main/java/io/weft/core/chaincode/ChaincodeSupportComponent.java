package io.weft.core.chaincode;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

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
import io.weft.api.identity.SigningIdentity;
import io.weft.api.node.GrpcServices;
import io.weft.config.PeerConfigurations;
import io.weft.core.chaincode.launch.ChaincodeLauncher;
import io.weft.core.committer.ChannelCommitters;

/**
 * Chaincode support: contributes {@code protos.ChaincodeSupport} to the chaincode listener and offers
 * {@link ChaincodeSupport} for execution. Configured by {@code chaincode.executetimeout}, {@code chaincode.keepalive}
 * and {@code ledger.state.totalQueryLimit}; the channels' configs come from the committers, followed live. With
 * {@code peer.tls.enabled} a chaincode registers only with the client certificate {@link ChaincodeTls} issued it.
 */
@Component(immediate = true, service = {ChaincodeSupport.class, BindableService.class},
        configurationPid = PeerConfigurations.CHAINCODE_PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { GrpcServices.SERVER + "=" + GrpcServices.CHAINCODE, GrpcServices.NON_BLOCKING + ":Boolean=true" })
public final class ChaincodeSupportComponent extends ChaincodeSupport implements BindableService {

    /** {@code chaincode.executetimeout}, {@code chaincode.keepalive}, {@code ledger.state.totalQueryLimit}. */
    public @interface Config {
        long executetimeoutMillis() default 30_000L;

        long keepaliveMillis() default 0L;

        int totalQueryLimit() default DEFAULT_TOTAL_QUERY_LIMIT;

        /** {@code chaincode.mode: dev}: users start chaincodes, the peer launches none. */
        boolean devMode() default false;

        long startuptimeoutMillis() default 300_000L;

        /** Where launched chaincodes reach the chaincode listener. */
        String chaincodeAddress() default "127.0.0.1:7052";
    }

    private final AtomicReference<ChannelCommitters> committers;

    @Activate
    public ChaincodeSupportComponent(Config config, @Reference LocalPackages packages,
            @Reference SigningIdentity signer, @Reference ChaincodeTls tls) {
        this(config, new AtomicReference<>());
        tls.authenticator().ifPresent(this::authenticateWith);
        if (!config.devMode()) {
            launchWith(new ChaincodeLauncher(packages.builds(), packages, registrations(),
                    new ChaincodeLauncher.Connection(config.chaincodeAddress(), signer.mspId(), tls.credentials()),
                    config.startuptimeoutMillis(), this::connect));
        }
    }

    private ChaincodeSupportComponent(Config config, AtomicReference<ChannelCommitters> committers) {
        super(config.executetimeoutMillis(), config.keepaliveMillis(), config.totalQueryLimit(),
                channelId -> Optional.ofNullable(committers.get()).flatMap(c -> c.committer(channelId))
                        .map(c -> c.channel().config()));
        this.committers = committers;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCommitters")
    void bindCommitters(ChannelCommitters c) {
        committers.set(c);
    }

    void unbindCommitters(ChannelCommitters c) {
        committers.compareAndSet(c, null);
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
