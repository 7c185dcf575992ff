package io.weft.core.node;

import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.api.node.PeerNode;

/**
 * Reports that the node cannot start: registers a {@link PeerNode} with status FAILED and the
 * reason, which the launcher turns into an error line and exit code 1.
 */
public final class StartupFailure implements PeerNode {

    private static final Logger LOG = LoggerFactory.getLogger(StartupFailure.class);

    private final String reason;

    private StartupFailure(String reason) {
        this.reason = reason;
    }

    /** Logs and publishes the failure of {@code component}; returns the registration to withdraw it. */
    public static ServiceRegistration<PeerNode> report(BundleContext context, String component, String reason) {
        String message = component + ": " + reason;
        LOG.error("Cannot start the peer: {}", message);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(PeerNode.STATUS_PROPERTY, Status.FAILED.name());
        props.put(PeerNode.FAILURE_PROPERTY, message);
        return context.registerService(PeerNode.class, new StartupFailure(message), props);
    }

    @Override
    public Status status() {
        return Status.FAILED;
    }

    @Override
    public Instant startedAt() {
        return Instant.EPOCH;
    }

    @Override
    public String peerId() {
        return "";
    }

    @Override
    public Map<String, String> listenAddresses() {
        return Map.of();
    }

    @Override
    public java.util.Optional<String> failure() {
        return java.util.Optional.of(reason);
    }

    @Override
    public String toString() {
        return "failed: " + reason;
    }
}
