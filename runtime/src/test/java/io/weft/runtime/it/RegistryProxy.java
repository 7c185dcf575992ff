package io.weft.runtime.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Calls the peer's {@code HandlerRegistry} service from outside the framework. The test shares no
 * classes with the bundles, so calls go by reflection against the API bundle's own classes.
 */
final class RegistryProxy {

    /** A lookup that failed with the registry's exception. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String type;

        NotFound(Throwable cause) {
            super(cause.getMessage(), cause);
            this.type = cause.getClass().getName();
        }
    }

    /** A handle from a lookup. */
    record Handle(Object handle) implements AutoCloseable {
        String bundleVersion() {
            return (String) call(handle, "bundleVersion");
        }

        Object handler() {
            return call(handle, "handler");
        }

        @Override
        public void close() {
            call(handle, "close");
        }
    }

    private final Object registry;
    private final Class<?> registryType;
    private final Object endorsementKind;
    private final Class<?> kindType;

    RegistryProxy(BundleContext context) throws ReflectiveOperationException, org.osgi.framework.InvalidSyntaxException {
        // all references: the test's own copy of the API on the class path makes the typed lookup filter them out
        ServiceReference<?>[] refs = context.getAllServiceReferences("io.weft.api.handler.HandlerRegistry", null);
        if (refs == null) {
            throw new IllegalStateException("no HandlerRegistry service");
        }
        ServiceReference<?> ref = refs[0];
        registry = context.getService(ref);
        ClassLoader api = ref.getBundle().adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader();
        registryType = api.loadClass("io.weft.api.handler.HandlerRegistry");
        kindType = api.loadClass("io.weft.api.handler.HandlerKind");
        endorsementKind = kindType.getField("ENDORSEMENT").get(null);
    }

    Handle lookupEndorser(String name) {
        return new Handle(invoke("lookup", new Class<?>[] {kindType, String.class}, endorsementKind, name));
    }

    Handle awaitEndorser(String name, Duration timeout) {
        return new Handle(invoke("await", new Class<?>[] {kindType, String.class, Duration.class}, endorsementKind, name, timeout));
    }

    Handle endorserAlias(String alias) {
        return new Handle(invoke("endorser", new Class<?>[] {String.class}, alias));
    }

    List<?> describe() {
        return (List<?>) invoke("describe", new Class<?>[0]);
    }

    private Object invoke(String method, Class<?>[] types, Object... args) {
        try {
            Method m = registryType.getMethod(method, types);
            return m.invoke(registry, args);
        } catch (InvocationTargetException e) {
            throw new NotFound(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object call(Object target, String method) {
        try {
            Method m = null;
            for (Class<?> i : target.getClass().getInterfaces()) {
                try {
                    m = i.getMethod(method);
                    break;
                } catch (NoSuchMethodException e) {
                    // try the next interface
                }
            }
            if (m == null) {
                m = target.getClass().getMethod(method);
            }
            m.setAccessible(true);
            return m.invoke(target);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
