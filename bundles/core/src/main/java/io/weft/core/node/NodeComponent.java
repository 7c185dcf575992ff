package io.weft.core.node;

import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.api.handler.HandlerRegistry;
import io.weft.api.identity.SigningIdentity;
import io.weft.api.node.PeerNode;
import io.weft.config.PeerConfigurations;
import io.weft.core.logging.LogControl;

/**
 * The started node: once the peer's gRPC listener and the operations endpoint are up and the
 * local MSP, the handler registry and logging control are live, announces the node as STARTED (to the launcher,
 * to {@code peer node status}, to the shell).
 */
@Component(immediate = true, service = {}, configurationPid = PeerConfigurations.NODE_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class NodeComponent implements PeerNode {

    private static final Logger LOG = LoggerFactory.getLogger(NodeComponent.class);

    /** The node's identity, from {@code peer.*}. */
    public @interface Config {
        String id() default "jdoe";

        String networkId() default "dev";

        String address() default "0.0.0.0:7051";
    }

    private final Instant startedAt = Instant.now();
    private final String peerId;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final ServiceRegistration<PeerNode> registration;

    @Activate
    public NodeComponent(BundleContext context, Config config,
            @Reference(target = "(" + Endpoint.NAME_PROPERTY + "=peer)") Endpoint peer,
            @Reference(target = "(" + Endpoint.NAME_PROPERTY + "=operations)") Endpoint operations,
            @Reference HandlerRegistry handlers, @Reference LogControl logging, @Reference SigningIdentity localIdentity) {
        this.peerId = config.id();
        addresses.put(peer.name(), peer.address().toString());
        addresses.put(operations.name(), operations.address().toString());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(PeerNode.STATUS_PROPERTY, Status.STARTED.name());
        addresses.forEach((name, address) -> props.put("weft.node.address." + name, address));
        registration = context.registerService(PeerNode.class, this, props);
        LOG.info("Started peer with ID=[{}], network ID=[{}], address=[{}]", config.id(), config.networkId(), config.address());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    @Override
    public Status status() {
        return Status.STARTED;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public String peerId() {
        return peerId;
    }

    @Override
    public Map<String, String> listenAddresses() {
        return Map.copyOf(addresses);
    }
}
