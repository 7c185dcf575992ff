package io.weft.runtime.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Calls the peer's {@code ChannelCommitters} service from outside the framework, by reflection: blocks go in as
 * bytes and are parsed by the core bundle's own protobuf classes, results come back as strings.
 */
final class CommittersProxy {

    /** What the peer reports for one committed block. */
    record Committed(long number, List<String> codes, Map<String, String> validationPlugins) {
    }

    private final Object committers;
    private final ClassLoader core;

    CommittersProxy(BundleContext context) throws ReflectiveOperationException, org.osgi.framework.InvalidSyntaxException {
        // the committers come up with the ledgers, possibly just after the node reports itself started
        ServiceReference<?>[] refs = null;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while ((refs = context.getAllServiceReferences("io.weft.core.committer.ChannelCommitters", null)) == null
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (refs == null) {
            throw new IllegalStateException("no ChannelCommitters service within 30 s");
        }
        committers = context.getService(refs[0]);
        core = refs[0].getBundle().adapt(BundleWiring.class).getClassLoader();
    }

    void join(byte[] genesis) throws Exception {
        call(committers, "joinChannel", new Class<?>[] {blockClass()}, block(genesis));
    }

    Committed commit(String channel, byte[] block) throws Exception {
        Object optional = call(committers, "committer", new Class<?>[] {String.class}, channel);
        Object committer = ((java.util.Optional<?>) optional).orElseThrow(() -> new IllegalStateException("no committer for " + channel));
        Object committed = call(committer, "commit", new Class<?>[] {blockClass()}, block(block));
        List<String> codes = new ArrayList<>();
        for (Object c : (List<?>) call(committed, "codes", new Class<?>[0])) {
            codes.add(c.toString());
        }
        @SuppressWarnings("unchecked")
        Map<String, String> plugins = (Map<String, String>) call(committed, "validationPlugins", new Class<?>[0]);
        return new Committed((Long) call(committed, "number", new Class<?>[0]), codes, plugins);
    }

    private Class<?> blockClass() throws ClassNotFoundException {
        return core.loadClass("org.hyperledger.fabric.protos.common.Block");
    }

    private Object block(byte[] bytes) throws Exception {
        return blockClass().getMethod("parseFrom", byte[].class).invoke(null, (Object) bytes);
    }

    private static Object call(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        Method m = publicMethod(target.getClass(), name, types);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
        }
    }

    /** The method as declared by a public type (the implementation class may not be public). */
    private static Method publicMethod(Class<?> type, String name, Class<?>[] types) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                try {
                    return i.getMethod(name, types);
                } catch (NoSuchMethodException ignored) {
                    // try the next
                }
            }
        }
        Method m = type.getMethod(name, types);
        m.setAccessible(true);
        return m;
    }
}
