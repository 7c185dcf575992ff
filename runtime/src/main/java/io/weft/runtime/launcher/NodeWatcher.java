package io.weft.runtime.launcher;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.AllServiceListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * Waits for the node's start-up outcome: the {@code io.weft.api.node.PeerNode} service the core
 * registers (the orderer's {@code OrdererStatus} for a standalone orderer), read by its properties only
 * (the launcher shares no classes with the bundles).
 */
public final class NodeWatcher {

    static final String PEER_NODE = "io.weft.api.node.PeerNode";
    static final String ORDERER_STATUS = "io.weft.orderer.node.OrdererStatus";
    static final String STATUS = "weft.node.status";
    static final String FAILURE = "weft.node.failure";
    static final String ADDRESS_PREFIX = "weft.node.address.";

    /**
     * A started node.
     *
     * @param addresses listen addresses by endpoint name ({@code peer}, {@code operations})
     */
    public record Started(Map<String, String> addresses) {
    }

    private NodeWatcher() {
    }

    /**
     * Waits up to {@code timeout} for the service {@code objectClass} announcing the outcome of {@code node}.
     *
     * @throws LaunchException with the node's reason when it failed, or when it did not report in time
     */
    static Started awaitStarted(Framework framework, Duration timeout, String objectClass, String node) {
        BundleContext context = framework.getBundleContext();
        CompletableFuture<ServiceReference<?>> outcome = new CompletableFuture<>();
        String filter = "(objectClass=" + objectClass + ")";
        // an AllServiceListener: a plain one is not told of services whose class the system
        // bundle cannot see, and the launcher shares no classes with the bundles
        ServiceListener listener = new AllServiceListener() {
            @Override
            public void serviceChanged(ServiceEvent event) {
                if (event.getType() == ServiceEvent.REGISTERED) {
                    outcome.complete(event.getServiceReference());
                }
            }
        };
        try {
            context.addServiceListener(listener, filter);
            ServiceReference<?>[] existing = context.getAllServiceReferences(objectClass, null);
            if (existing != null && existing.length > 0) {
                outcome.complete(existing[0]);
            }
            ServiceReference<?> ref = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!"STARTED".equals(ref.getProperty(STATUS))) {
                throw new LaunchException(String.valueOf(ref.getProperty(FAILURE)));
            }
            Map<String, String> addresses = new TreeMap<>();
            for (String key : ref.getPropertyKeys()) {
                if (key.startsWith(ADDRESS_PREFIX)) {
                    addresses.put(key.substring(ADDRESS_PREFIX.length()), String.valueOf(ref.getProperty(key)));
                }
            }
            return new Started(addresses);
        } catch (InvalidSyntaxException | ExecutionException e) {
            throw new LaunchException("cannot watch the node: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new LaunchException("the " + node + " did not report start-up within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for the " + node + " to start", e);
        } finally {
            context.removeServiceListener(listener);
        }
    }
}
