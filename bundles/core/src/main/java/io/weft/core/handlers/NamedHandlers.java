package io.weft.core.handlers;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.weft.api.handler.HandlerKind;

/**
 * The providers of one handler kind, by name, ranked. Readers take one volatile snapshot and never
 * lock; writers (service arrivals and departures, which are rare) replace the snapshot under a lock.
 *
 * @param <T> the handler interface
 */
final class NamedHandlers<T> {

    private final HandlerKind<T> kind;
    private volatile Map<String, List<RegisteredHandler<T>>> byName = Map.of();

    NamedHandlers(HandlerKind<T> kind) {
        this.kind = requireNonNull(kind, "kind");
    }

    HandlerKind<T> kind() {
        return kind;
    }

    synchronized void add(RegisteredHandler<T> handler) {
        Map<String, List<RegisteredHandler<T>>> next = new HashMap<>(byName);
        List<RegisteredHandler<T>> providers = new ArrayList<>(next.getOrDefault(handler.name(), List.of()));
        providers.removeIf(p -> p.serviceId() == handler.serviceId());
        providers.add(handler);
        providers.sort(null);
        next.put(handler.name(), List.copyOf(providers));
        byName = Map.copyOf(next);
    }

    synchronized void remove(String name, long serviceId) {
        List<RegisteredHandler<T>> current = byName.get(name);
        if (current == null) {
            return;
        }
        List<RegisteredHandler<T>> providers = new ArrayList<>(current);
        providers.removeIf(p -> p.serviceId() == serviceId);
        Map<String, List<RegisteredHandler<T>>> next = new HashMap<>(byName);
        if (providers.isEmpty()) {
            next.remove(name);
        } else {
            next.put(name, List.copyOf(providers));
        }
        byName = Map.copyOf(next);
    }

    /** The provider that serves {@code name} now. */
    Optional<RegisteredHandler<T>> head(String name) {
        List<RegisteredHandler<T>> providers = byName.get(name);
        return providers == null ? Optional.empty() : Optional.of(providers.get(0));
    }

    /** All providers of {@code name}, ranked. */
    List<RegisteredHandler<T>> providers(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The names that have at least one provider. */
    java.util.Set<String> names() {
        return byName.keySet();
    }
}
