package io.weft.runtime.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Starts Apache Felix with a {@link FeatureSet}. The framework cache is reused across runs (bundles
 * already installed are kept, changed jars updated, bundles no feature names any more removed), so
 * a restart skips installing. Every bundle of the features must end up active; one that cannot
 * resolve or start stops the launch with its reason.
 */
public final class FrameworkLauncher {

    private final Path storage;
    private final Map<String, String> properties;

    /**
     * @param storage the framework cache folder
     * @param properties framework properties (merged over the features' own)
     */
    public FrameworkLauncher(Path storage, Map<String, String> properties) {
        this.storage = requireNonNull(storage, "storage");
        this.properties = Map.copyOf(properties);
    }

    /** Starts the framework and every bundle of {@code features}; returns it running. */
    public Framework launch(FeatureSet features) {
        Map<String, String> config = new HashMap<>(features.frameworkProperties());
        config.putAll(properties);
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.putIfAbsent(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
        config.putIfAbsent(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, String.valueOf(features.maxStartLevel()));
        config.putIfAbsent("felix.log.level", "1");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, FrameworkLauncher.class.getClassLoader())
                .findFirst().orElseThrow(() -> new LaunchException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(config);
        try {
            framework.init();
            List<Bundle> bundles = synchronize(framework.getBundleContext(), features);
            AtomicReference<Throwable> firstError = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            framework.getBundleContext().addFrameworkListener(event -> {
                if (event.getType() == FrameworkEvent.ERROR) {
                    firstError.compareAndSet(null, event.getThrowable());
                } else if (event.getType() == FrameworkEvent.STARTED) {
                    started.countDown();
                }
            });
            framework.start();
            if (!started.await(120, TimeUnit.SECONDS)) {
                throw new LaunchException("the OSGi framework did not reach start level " + features.maxStartLevel() + " in 120 s");
            }
            requireActive(bundles, firstError.get());
            return framework;
        } catch (BundleException | IOException e) {
            stopQuietly(framework);
            throw new LaunchException("cannot start the OSGi framework: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(framework);
            throw new LaunchException("interrupted while starting", e);
        } catch (RuntimeException e) {
            stopQuietly(framework);
            throw e;
        }
    }

    /** Installs, updates and removes bundles so the cache holds exactly the features' bundles from the repository. */
    private static List<Bundle> synchronize(BundleContext context, FeatureSet features) throws BundleException, IOException {
        Set<String> wanted = new HashSet<>();
        List<Bundle> bundles = new ArrayList<>();
        for (FeatureSet.BundleEntry entry : features.bundles()) {
            String location = entry.file().toUri().toString();
            wanted.add(location);
            Bundle bundle = context.getBundle(location);
            if (bundle == null) {
                try (InputStream in = Files.newInputStream(entry.file())) {
                    bundle = context.installBundle(location, in);
                }
            } else if (Files.getLastModifiedTime(entry.file()).toMillis() > bundle.getLastModified()) {
                try (InputStream in = Files.newInputStream(entry.file())) {
                    bundle.update(in);
                }
            }
            bundle.adapt(BundleStartLevel.class).setStartLevel(entry.startLevel());
            if (!isFragment(bundle)) {
                bundle.start();
            }
            bundles.add(bundle);
        }
        for (Bundle b : context.getBundles()) {
            String location = b.getLocation();
            if (b.getBundleId() != 0 && !wanted.contains(location) && location.startsWith("file:")
                    && isUnder(location, features)) {
                b.uninstall();
            }
        }
        return bundles;
    }

    private static boolean isUnder(String location, FeatureSet features) {
        return features.bundles().stream().anyMatch(e -> location.startsWith(repositoryRoot(e).toUri().toString()));
    }

    private static Path repositoryRoot(FeatureSet.BundleEntry entry) {
        Path p = entry.file().getParent(); // version
        int depth = entry.id().getGroupId().split("\\.").length + 2; // group segments, artifact, version
        for (int i = 1; i < depth; i++) {
            p = p.getParent();
        }
        return p;
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    /** Fails naming the first bundle that is not active, with the framework's reason. */
    private static void requireActive(List<Bundle> bundles, Throwable frameworkError) {
        for (Bundle b : bundles) {
            if (isFragment(b) || b.getState() == Bundle.ACTIVE) {
                continue;
            }
            String reason;
            try {
                b.start();
                if (b.getState() == Bundle.ACTIVE) {
                    continue;
                }
                reason = "state " + b.getState();
            } catch (BundleException e) {
                reason = e.getMessage();
            }
            throw new LaunchException("bundle " + b.getSymbolicName() + " " + b.getVersion() + " cannot start: " + reason);
        }
        if (frameworkError != null && frameworkError instanceof BundleException be) {
            throw new LaunchException("a bundle failed to start: " + be.getMessage(), be);
        }
    }

    static void stopQuietly(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException | InterruptedException e) {
            // already failing: keep the original error
        }
    }
}
