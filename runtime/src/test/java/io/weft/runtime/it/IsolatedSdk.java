package io.weft.runtime.it;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Runs test code written against the legacy fabric-sdk-java in a class loader of its own. The SDK jar carries its own
 * generated Fabric protos, and its gRPC stubs ({@code EndorserGrpc}, {@code DeliverGrpc}, {@code AtomicBroadcastGrpc},
 * ...) have the very class names of fabric-protos 0.3's while taking other message classes; on one class path one of
 * the two breaks with {@code NoSuchMethodError}. So {@code org.hyperledger.fabric.*} and the SDK test code in
 * {@code io.weft.runtime.it.sdk} are loaded child-first from the SDK jar and the test classes; everything else
 * (protobuf, gRPC, AssertJ, the JDK) comes from the test's own class path.
 */
final class IsolatedSdk {

    private static final String SDK_TEST_PACKAGE = "io.weft.runtime.it.sdk.";

    private IsolatedSdk() {
    }

    /** Instantiates {@code className} (a {@code Consumer<Path>} in the SDK test package) in the SDK's loader and runs it. */
    @SuppressWarnings("unchecked")
    static void run(String className, Path argument) throws Exception {
        try (ChildFirst loader = new ChildFirst(new URL[] {sdkJar(), testClasses()},
                IsolatedSdk.class.getClassLoader())) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                ((Consumer<Path>) loader.loadClass(className).getConstructor().newInstance()).accept(argument);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    private static URL sdkJar() throws MalformedURLException {
        String jar = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("/fabric-sdk-java/")).findFirst()
                .orElseThrow(() -> new IllegalStateException("fabric-sdk-java is not on the test class path"));
        return Path.of(jar).toUri().toURL();
    }

    private static URL testClasses() {
        return IsolatedSdk.class.getProtectionDomain().getCodeSource().getLocation();
    }

    private static final class ChildFirst extends URLClassLoader {

        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.hyperledger.fabric.") && !name.startsWith(SDK_TEST_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
