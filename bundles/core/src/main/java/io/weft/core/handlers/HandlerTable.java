package io.weft.core.handlers;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.weft.api.handler.AuthFilter;
import io.weft.api.handler.Decorator;
import io.weft.api.handler.EndorsementPluginFactory;
import io.weft.api.handler.HandlerChain;
import io.weft.api.handler.HandlerHandle;
import io.weft.api.handler.HandlerInfo;
import io.weft.api.handler.HandlerKind;
import io.weft.api.handler.HandlerNotFoundException;
import io.weft.api.handler.HandlerRegistry;
import io.weft.api.handler.ValidationPluginFactory;

/**
 * The registry's logic, free of OSGi: configured names, providers per kind, lookups. Lookups read
 * volatile snapshots and never lock; only {@link #await} waits, and only up to its timeout.
 */
final class HandlerTable implements HandlerRegistry {

    private final NamedHandlers<AuthFilter> auth = new NamedHandlers<>(HandlerKind.AUTH);
    private final NamedHandlers<Decorator> decoration = new NamedHandlers<>(HandlerKind.DECORATION);
    private final NamedHandlers<EndorsementPluginFactory> endorsement = new NamedHandlers<>(HandlerKind.ENDORSEMENT);
    private final NamedHandlers<ValidationPluginFactory> validation = new NamedHandlers<>(HandlerKind.VALIDATION);

    private final ReentrantLock arrivals = new ReentrantLock();
    private final Condition arrived = arrivals.newCondition();
    private volatile HandlerConfig config = HandlerConfig.EMPTY;

    void configure(HandlerConfig config) {
        this.config = requireNonNull(config, "config");
    }

    <T> void add(RegisteredHandler<T> handler, HandlerKind<T> kind) {
        handlers(kind).add(handler);
        arrivals.lock();
        try {
            arrived.signalAll();
        } finally {
            arrivals.unlock();
        }
    }

    <T> void remove(HandlerKind<T> kind, String name, long serviceId) {
        handlers(kind).remove(name, serviceId);
    }

    @SuppressWarnings("unchecked")
    private <T> NamedHandlers<T> handlers(HandlerKind<T> kind) {
        if (kind == HandlerKind.AUTH) {
            return (NamedHandlers<T>) auth;
        } else if (kind == HandlerKind.DECORATION) {
            return (NamedHandlers<T>) decoration;
        } else if (kind == HandlerKind.ENDORSEMENT) {
            return (NamedHandlers<T>) endorsement;
        } else if (kind == HandlerKind.VALIDATION) {
            return (NamedHandlers<T>) validation;
        }
        throw new IllegalArgumentException("unknown handler kind " + kind);
    }

    @Override
    public <T> HandlerHandle<T> lookup(HandlerKind<T> kind, String name) {
        return handlers(kind).head(name).orElseThrow(() -> new HandlerNotFoundException(kind, name)).open();
    }

    @Override
    public <T> HandlerHandle<T> await(HandlerKind<T> kind, String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        NamedHandlers<T> handlers = handlers(kind);
        Optional<RegisteredHandler<T>> head = handlers.head(name);
        if (head.isPresent()) {
            return head.get().open();
        }
        arrivals.lock();
        try {
            while ((head = handlers.head(name)).isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new HandlerNotFoundException(kind, name);
                }
                arrived.awaitNanos(left);
            }
        } finally {
            arrivals.unlock();
        }
        return head.get().open();
    }

    @Override
    public HandlerHandle<EndorsementPluginFactory> endorser(String pluginName) {
        return byAlias(HandlerKind.ENDORSEMENT, config.endorsers(), pluginName);
    }

    @Override
    public HandlerHandle<ValidationPluginFactory> validator(String pluginName) {
        return byAlias(HandlerKind.VALIDATION, config.validators(), pluginName);
    }

    @Override
    public HandlerHandle<ValidationPluginFactory> awaitValidator(String pluginName, Duration timeout)
            throws InterruptedException {
        String name = config.validators().get(pluginName.toLowerCase(Locale.ROOT));
        if (name == null) {
            throw HandlerNotFoundException.unmapped(HandlerKind.VALIDATION, pluginName);
        }
        try {
            return await(HandlerKind.VALIDATION, name, timeout);
        } catch (HandlerNotFoundException e) {
            throw new HandlerNotFoundException(HandlerKind.VALIDATION, pluginName, name);
        }
    }

    private <T> HandlerHandle<T> byAlias(HandlerKind<T> kind, Map<String, String> aliases, String alias) {
        String name = aliases.get(alias.toLowerCase(Locale.ROOT));
        if (name == null) {
            throw HandlerNotFoundException.unmapped(kind, alias);
        }
        return handlers(kind).head(name).orElseThrow(() -> new HandlerNotFoundException(kind, alias, name)).open();
    }

    @Override
    public HandlerChain<AuthFilter> authFilters() {
        return chain(HandlerKind.AUTH, config.authFilters());
    }

    @Override
    public HandlerChain<Decorator> decorators() {
        return chain(HandlerKind.DECORATION, config.decorators());
    }

    private <T> HandlerChain<T> chain(HandlerKind<T> kind, List<String> names) {
        List<HandlerHandle<T>> handles = new ArrayList<>(names.size());
        try {
            for (String name : names) {
                handles.add(lookup(kind, name));
            }
        } catch (HandlerNotFoundException e) {
            handles.forEach(HandlerHandle::close);
            throw e;
        }
        return new HandlerChain<>(handles);
    }

    @Override
    public List<HandlerInfo> describe() {
        HandlerConfig c = config;
        List<HandlerInfo> rows = new ArrayList<>();
        describe(rows, auth, c.authFilters(), Map.of());
        describe(rows, decoration, c.decorators(), Map.of());
        describe(rows, endorsement, List.copyOf(c.endorsers().values()), c.endorsers());
        describe(rows, validation, List.copyOf(c.validators().values()), c.validators());
        return rows;
    }

    private static <T> void describe(List<HandlerInfo> rows, NamedHandlers<T> handlers, List<String> configured,
            Map<String, String> aliases) {
        TreeSet<String> names = new TreeSet<>(handlers.names());
        List<String> ordered = new ArrayList<>(new java.util.LinkedHashSet<>(configured));
        names.removeAll(ordered);
        ordered.addAll(names);
        for (String name : ordered) {
            Optional<String> alias = aliases.entrySet().stream().filter(e -> e.getValue().equals(name))
                    .map(Map.Entry::getKey).findFirst();
            List<RegisteredHandler<T>> providers = handlers.providers(name);
            rows.add(new HandlerInfo(handlers.kind(), alias, name, configured.contains(name),
                    providers.isEmpty() ? Optional.empty() : Optional.of(providers.get(0).info()), providers.size()));
        }
    }
}
