package io.weft.orderer.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Block;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.storage.StorageProvider;
import io.weft.comm.GrpcServerSettings;
import io.weft.comm.HostPort;
import io.weft.comm.TlsSettings;
import io.weft.config.OrdererConfigurations;
import io.weft.msp.LocalMsp;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.MspException;
import io.weft.msp.Msps;
import io.weft.orderer.ChainException;
import io.weft.orderer.ChainRegistry;

/**
 * The embedded orderer ({@code orderer.yaml}'s {@code General} and {@code FileLedger}): loads its local MSP signer,
 * opens its ledger on the storage backend the configuration names (the {@code storage} reference's target), starts
 * its channels and its gRPC listener, and offers the {@link ChainRegistry} for joining channels. A failure to start is
 * logged and reported by the health check {@code orderer}; the peer keeps running.
 */
@Component(immediate = true, service = {}, configurationPid = OrdererConfigurations.GENERAL_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class OrdererComponent {

    /** Service property of the registry: the gRPC listener's bound address. */
    public static final String ADDRESS_PROPERTY = "weft.orderer.address";

    private static final Logger LOG = LoggerFactory.getLogger(OrdererComponent.class);

    /** The PID {@value OrdererConfigurations#GENERAL_PID}. */
    public @interface Config {
        String listenAddress() default "127.0.0.1:7050";

        boolean tls_enabled() default false;

        boolean tls_clientAuthRequired() default false;

        String tls_cert_file() default "";

        String tls_key_file() default "";

        String[] tls_clientRootCAs_files() default {};

        long keepalive_intervalMillis() default 7_200_000L;

        long keepalive_timeoutMillis() default 20_000L;

        long keepalive_minIntervalMillis() default 60_000L;

        int maxRecvMsgSize() default 104_857_600;

        String fileLedger_location() default "/var/hyperledger/production/orderer";

        /** {@code General.Authentication.TimeWindow}: the clock skew Deliver requests may have. */
        long timewindowMillis() default 900_000L;

        /** {@code General.BootstrapMethod}: {@code file} (a system channel genesis block) or {@code none}. */
        String bootstrapMethod() default "none";

        /** {@code General.BootstrapFile}: the system channel's genesis block when the method is {@code file}. */
        String bootstrapFile() default "";
    }

    private final OrdererNode node;
    private final ServiceRegistration<?> registration;

    @Activate
    public OrdererComponent(BundleContext context, Config config, Map<String, Object> properties,
            @Reference(name = "storage") StorageProvider storage) {
        OrdererNode started = null;
        ServiceRegistration<?> registered;
        try {
            GrpcServerSettings grpc = new GrpcServerSettings(HostPort.parse(config.listenAddress()),
                    TlsSettings.of(config.tls_enabled(), config.tls_clientAuthRequired(), config.tls_cert_file(),
                            config.tls_key_file(), "", config.tls_clientRootCAs_files()),
                    Duration.ofMillis(config.keepalive_intervalMillis()), Duration.ofMillis(config.keepalive_timeoutMillis()),
                    Duration.ofMillis(config.keepalive_minIntervalMillis()), config.maxRecvMsgSize());
            LocalMsp msp = Msps.loadLocal(LocalMspSettings.fromProperties(properties));
            started = OrdererNode.start(grpc, Path.of(config.fileLedger_location()), storage, msp.signingIdentity(),
                    msp.bccsp(), Clock.systemUTC(), Duration.ofMillis(config.timewindowMillis()),
                    bootstrapBlock(config));
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(ADDRESS_PROPERTY, started.address().toString());
            registered = context.registerService(ChainRegistry.class, started.registry(), props);
            if (config.tls_enabled()) {
                LOG.info("Starting orderer with {} enabled", config.tls_clientAuthRequired() ? "mutual TLS" : "TLS");
            }
            LOG.info("Orderer {} listening on {} (TLS {}), ledger in {} on {}, channels {}",
                    msp.signingIdentity().mspId(), started.address(), config.tls_enabled() ? "on" : "off",
                    config.fileLedger_location(), storage.name(), started.registry().channels());
        } catch (MspException | IOException | ChainException | IllegalArgumentException e) {
            if (started != null) {
                started.close();
                started = null;
            }
            String reason = "cannot start the orderer: " + e.getMessage();
            LOG.error("{}", reason);
            registered = FailedCheck.report(context, "orderer", reason);
        }
        node = started;
        registration = registered;
    }

    /**
     * The genesis block of {@code BootstrapFile} when {@code BootstrapMethod} is {@code file}, read as Fabric's file
     * bootstrapper reads it (only used when the orderer has no channel yet).
     */
    private static Optional<Block> bootstrapBlock(Config config) throws ChainException {
        if (!config.bootstrapMethod().equals("file")) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(config.bootstrapFile()));
        } catch (IOException e) {
            throw new ChainException("unable to bootstrap orderer. Error reading genesis block file: open "
                    + config.bootstrapFile() + ": " + e.getMessage(), e);
        }
        try {
            return Optional.of(Block.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new ChainException("unable to bootstrap orderer. Error unmarshalling genesis block: "
                    + e.getMessage(), e);
        }
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        if (node != null) {
            node.close();
            LOG.info("Orderer stopped");
        }
    }
}
