package io.weft.core.committer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.weft.api.handler.HandlerHandle;
import io.weft.api.handler.HandlerKind;
import io.weft.api.handler.HandlerNotFoundException;
import io.weft.api.handler.ValidationPluginFactory;
import io.weft.validation.builtin.DefaultValidationFactory;

/**
 * Validation plugins by name for committer tests, as the registry hands them out: {@code vscc} is the real
 * DefaultValidation bundle's factory; tests can replace or remove a name between blocks and count open handles.
 */
public final class TestPluginSource implements ValidationPluginSource {

    record Provider(ValidationPluginFactory factory, String bundle, String version, long serviceId) {
    }

    private static final AtomicLong SERVICE_IDS = new AtomicLong(100);
    private final Map<String, Provider> providers = new ConcurrentHashMap<>();
    final AtomicInteger openHandles = new AtomicInteger();

    public TestPluginSource() {
        provide("vscc", new DefaultValidationFactory(), "io.weft.validation-default", "0.1.0");
    }

    void provide(String name, ValidationPluginFactory factory, String bundle, String version) {
        providers.put(name, new Provider(factory, bundle, version, SERVICE_IDS.incrementAndGet()));
    }

    void remove(String name) {
        providers.remove(name);
    }

    @Override
    public HandlerHandle<ValidationPluginFactory> open(String pluginName) {
        Provider p = providers.get(pluginName);
        if (p == null) {
            throw HandlerNotFoundException.unmapped(HandlerKind.VALIDATION, pluginName);
        }
        openHandles.incrementAndGet();
        return new HandlerHandle<>() {
            private boolean closed;

            @Override
            public ValidationPluginFactory handler() {
                return p.factory;
            }

            @Override
            public HandlerKind<ValidationPluginFactory> kind() {
                return HandlerKind.VALIDATION;
            }

            @Override
            public String name() {
                return pluginName;
            }

            @Override
            public long serviceId() {
                return p.serviceId;
            }

            @Override
            public String bundleSymbolicName() {
                return p.bundle;
            }

            @Override
            public String bundleVersion() {
                return p.version;
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    openHandles.decrementAndGet();
                }
            }
        };
    }
}
