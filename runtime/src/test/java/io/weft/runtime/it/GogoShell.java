package io.weft.runtime.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Runs Gogo commands in the peer's shell, as an operator at the console would. The test shares no classes with the
 * framework, so the command processor is reached by reflection against the Gogo runtime's own interfaces.
 */
final class GogoShell {

    private final Object session;
    private final Method execute;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    GogoShell(BundleContext context) throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences("org.apache.felix.service.command.CommandProcessor", null);
        if (refs == null) {
            throw new IllegalStateException("no Gogo CommandProcessor service");
        }
        Object processor = context.getService(refs[0]);
        ClassLoader gogo = processor.getClass().getClassLoader();
        Class<?> processorType = gogo.loadClass("org.apache.felix.service.command.CommandProcessor");
        Class<?> sessionType = gogo.loadClass("org.apache.felix.service.command.CommandSession");
        InputStream in = new ByteArrayInputStream(new byte[0]);
        session = processorType.getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                .invoke(processor, in, out, out);
        execute = sessionType.getMethod("execute", CharSequence.class);
    }

    /** The command's result as text, followed by anything it printed. */
    String run(String command) throws Exception {
        out.reset();
        try {
            Object result = execute.invoke(session, command);
            return (result == null ? "" : String.valueOf(result)) + out.toString(StandardCharsets.UTF_8);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("'" + command + "' failed: " + e.getCause(), e.getCause());
        }
    }
}
