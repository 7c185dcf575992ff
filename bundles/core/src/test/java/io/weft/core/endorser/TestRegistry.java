package io.weft.core.endorser;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

/** A registry holding the test's filters, decorators and escc provider; counts open handles. */
final class TestRegistry implements HandlerRegistry {

    final List<AuthFilter> filters = new CopyOnWriteArrayList<>();
    final List<Decorator> decorators = new CopyOnWriteArrayList<>();
    volatile EndorsementPluginFactory escc;
    volatile long esccServiceId = 1;
    final AtomicInteger open = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(100);

    @Override
    public <T> HandlerHandle<T> lookup(HandlerKind<T> kind, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> HandlerHandle<T> await(HandlerKind<T> kind, String name, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public HandlerHandle<EndorsementPluginFactory> endorser(String pluginName) {
        EndorsementPluginFactory f = escc;
        if (f == null || !"escc".equals(pluginName)) {
            throw new HandlerNotFoundException(HandlerKind.ENDORSEMENT, pluginName, "DefaultEndorsement");
        }
        return handle(HandlerKind.ENDORSEMENT, "DefaultEndorsement", f, esccServiceId);
    }

    @Override
    public HandlerHandle<ValidationPluginFactory> validator(String pluginName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public HandlerHandle<ValidationPluginFactory> awaitValidator(String pluginName, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public HandlerChain<AuthFilter> authFilters() {
        return new HandlerChain<>(filters.stream().map(f -> handle(HandlerKind.AUTH, "filter", f, ids.incrementAndGet()))
                .toList());
    }

    @Override
    public HandlerChain<Decorator> decorators() {
        return new HandlerChain<>(decorators.stream()
                .map(d -> handle(HandlerKind.DECORATION, "decorator", d, ids.incrementAndGet())).toList());
    }

    @Override
    public List<HandlerInfo> describe() {
        return List.of();
    }

    private <T> HandlerHandle<T> handle(HandlerKind<T> kind, String name, T handler, long id) {
        open.incrementAndGet();
        return new HandlerHandle<>() {
            private boolean closed;

            @Override
            public T handler() {
                return handler;
            }

            @Override
            public HandlerKind<T> kind() {
                return kind;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public long serviceId() {
                return id;
            }

            @Override
            public String bundleSymbolicName() {
                return "test";
            }

            @Override
            public String bundleVersion() {
                return "0";
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    open.decrementAndGet();
                }
            }
        };
    }
}
