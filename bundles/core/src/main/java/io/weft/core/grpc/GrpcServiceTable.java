package io.weft.core.grpc;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.util.MutableHandlerRegistry;

/**
 * The gRPC services bundles contribute, by service name. When two providers offer the same
 * service (an update installed beside the old version), the highest-ranked serves; when it leaves,
 * the next takes over. Calls already dispatched finish on the implementation they started on.
 */
final class GrpcServiceTable {

    /** One contributed service. */
    record Contribution(long serviceId, int ranking, ServerServiceDefinition definition, boolean nonBlocking) {
        Contribution {
            requireNonNull(definition, "definition");
        }

        /** A service registered with the framework, from its service properties (id, ranking). */
        static Contribution of(io.grpc.BindableService service, java.util.Map<String, Object> props) {
            return new Contribution((Long) props.get(org.osgi.framework.Constants.SERVICE_ID),
                    props.get(org.osgi.framework.Constants.SERVICE_RANKING) instanceof Integer r ? r : 0,
                    service.bindService(),
                    Boolean.TRUE.equals(props.get(io.weft.api.node.GrpcServices.NON_BLOCKING))
                            || "true".equals(props.get(io.weft.api.node.GrpcServices.NON_BLOCKING)));
        }

        String serviceName() {
            return definition.getServiceDescriptor().getName();
        }
    }

    private static final Comparator<Contribution> RANKED =
            Comparator.comparingInt(Contribution::ranking).reversed().thenComparingLong(Contribution::serviceId);

    private final MutableHandlerRegistry registry = new MutableHandlerRegistry();
    private final ServerInterceptor interceptor;
    private final Map<String, List<Contribution>> byName = new HashMap<>();
    private final Map<String, ServerServiceDefinition> installed = new HashMap<>();
    // read on every call, without the table's lock
    private final Set<String> nonBlocking = ConcurrentHashMap.newKeySet();

    GrpcServiceTable(ServerInterceptor interceptor) {
        this.interceptor = requireNonNull(interceptor, "interceptor");
    }

    /** The registry the server falls back to for every method it does not have built in. */
    MutableHandlerRegistry registry() {
        return registry;
    }

    synchronized void add(Contribution c) {
        List<Contribution> list = byName.computeIfAbsent(c.serviceName(), k -> new ArrayList<>());
        list.removeIf(x -> x.serviceId() == c.serviceId());
        list.add(c);
        list.sort(RANKED);
        install(c.serviceName());
    }

    synchronized void remove(long serviceId) {
        for (Map.Entry<String, List<Contribution>> e : List.copyOf(byName.entrySet())) {
            if (e.getValue().removeIf(x -> x.serviceId() == serviceId)) {
                if (e.getValue().isEmpty()) {
                    byName.remove(e.getKey());
                }
                install(e.getKey());
            }
        }
    }

    /** Whether the service now serving {@code serviceName} declared its handlers non-blocking. */
    boolean isNonBlocking(String serviceName) {
        return nonBlocking.contains(serviceName);
    }

    /** Service names currently served. */
    synchronized List<String> serviceNames() {
        return List.copyOf(installed.keySet());
    }

    private void install(String serviceName) {
        List<Contribution> list = byName.get(serviceName);
        ServerServiceDefinition old = installed.remove(serviceName);
        nonBlocking.remove(serviceName);
        if (list == null || list.isEmpty()) {
            if (old != null) {
                registry.removeService(old);
            }
            return;
        }
        ServerServiceDefinition current = ServerInterceptors.intercept(list.get(0).definition(), interceptor);
        registry.addService(current); // replaces any previous definition of the same name atomically
        installed.put(serviceName, current);
        if (list.get(0).nonBlocking()) {
            nonBlocking.add(serviceName);
        }
    }
}
