package io.weft.core.ledger;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** A {@link BundleContext} that only records service registrations, for activating components in unit tests. */
final class Registrations {

    /** One registration: its classes, object and properties, and whether it was withdrawn. */
    static final class Entry {
        final List<String> classes;
        final Object service;
        final Dictionary<String, ?> properties;
        boolean unregistered;

        Entry(List<String> classes, Object service, Dictionary<String, ?> properties) {
            this.classes = classes;
            this.service = service;
            this.properties = properties;
        }
    }

    final List<Entry> entries = new ArrayList<>();

    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("registerService")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    List<String> classes = args[0] instanceof String[] names ? List.of(names)
                            : args[0] instanceof Class<?> c ? List.of(c.getName()) : List.of((String) args[0]);
                    @SuppressWarnings("unchecked")
                    Entry e = new Entry(classes, args[1], (Dictionary<String, ?>) args[2]);
                    entries.add(e);
                    return registration(e);
                });
    }

    private static ServiceRegistration<?> registration(Entry e) {
        return (ServiceRegistration<?>) Proxy.newProxyInstance(Registrations.class.getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("unregister")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (e.unregistered) {
                        throw new IllegalStateException("already unregistered");
                    }
                    e.unregistered = true;
                    return null;
                });
    }

    /** The live registration offering {@code type}, if any. */
    <T> Optional<T> live(Class<T> type) {
        return entries.stream().filter(e -> !e.unregistered && e.classes.contains(type.getName()))
                .map(e -> type.cast(e.service)).findFirst();
    }
}
