package io.weft.runtime.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.osgi.framework.launch.Framework;

import io.weft.config.logging.Log4j2Settings;
import io.weft.config.logging.LogSpec;

/**
 * Launches a peer process's OSGi side: takes the peer's lock, hands the framework its
 * configuration (core.yaml location, overrides, logging, version), starts the features and waits
 * for the node to report. Everything the peer keeps lives under {@code <peer.fileSystemPath>/weft}.
 */
public final class PeerLauncher {

    /**
     * What to launch.
     *
     * @param dist the installation
     * @param features feature names, e.g. {@code peer}
     * @param configFile the core.yaml in use
     * @param overrides command-line overrides of core.yaml keys
     * @param fileSystemPath {@code peer.fileSystemPath}, resolved
     * @param logSpec the logging spec
     * @param logFormat the logging format
     * @param version Weft's version and commit, for {@code /version}
     * @param commit the commit
     * @param console whether the Gogo shell takes the terminal
     * @param legacyLoggingLevel whether the retired {@code logging.level} / {@code --logging-level} was given
     */
    public record Options(Distribution dist, List<String> features, Path configFile, Map<String, String> overrides,
            Path fileSystemPath, LogSpec logSpec, String logFormat, String version, String commit, boolean console,
            boolean legacyLoggingLevel) {
        public Options {
            requireNonNull(dist, "dist");
            features = List.copyOf(features);
            requireNonNull(configFile, "configFile");
            overrides = Map.copyOf(overrides);
            requireNonNull(fileSystemPath, "fileSystemPath");
            requireNonNull(logSpec, "logSpec");
            requireNonNull(logFormat, "logFormat");
        }
    }

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private PeerLauncher() {
    }

    /** Starts the peer; the caller closes the result to stop it. */
    public static RunningPeer launch(Options o) {
        Path home = o.fileSystemPath().resolve("weft");
        FileLock lock = lock(home);
        try {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("weft.home", o.dist().home().toString());
            props.put("weft.config.file", o.configFile().toString());
            // the embedded orderer's orderer.yaml: beside core.yaml, where Fabric's search path would find it too
            Path ordererYaml = o.configFile().resolveSibling("orderer.yaml");
            if (Files.isRegularFile(ordererYaml)) {
                props.put("weft.orderer.config.file", ordererYaml.toString());
            }
            props.put("weft.config.override.keys", String.join(",", o.overrides().keySet()));
            o.overrides().forEach((k, v) -> props.put("weft.config.override." + k, v));
            props.put("weft.logging.spec", o.logSpec().toString());
            props.put("weft.logging.format", o.logFormat());
            props.put("weft.version", o.version());
            props.put("weft.commit", o.commit());
            props.put("weft.logging.legacyLevel", String.valueOf(o.legacyLoggingLevel()));
            props.put("org.ops4j.pax.logging.property.file", writeLoggingProperties(home, o).toString());
            props.put("org.ops4j.pax.logging.DefaultServiceLog.level", "ERROR");
            props.put("gosh.args", o.console() ? "--noshutdown" : "--nointeractive --noshutdown");
            props.put("gosh.home", o.dist().home().toString()); // etc/gosh_profile, etc/motd
            props.put("ds.loglevel", "warn");
            props.put("felix.fileinstall.dir", o.dist().deploy().toString());
            props.put("felix.fileinstall.noInitialDelay", "true");
            props.put("felix.fileinstall.poll", "2000");
            props.put("felix.fileinstall.log.level", "2");
            FeatureSet features = FeatureSet.load(o.dist(), o.features());
            if (!o.console()) {
                // the shell runs without a terminal (its commands serve SSH): no terminal probing, no warning
                System.setProperty("org.jline.terminal.dumb", "true");
            }
            Framework framework = new FrameworkLauncher(home.resolve("osgi-cache"), props).launch(features);
            try {
                return new RunningPeer(framework, NodeWatcher.awaitStarted(framework, STARTUP_TIMEOUT), lock);
            } catch (RuntimeException e) {
                FrameworkLauncher.stopQuietly(framework);
                throw e;
            }
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    /** One peer per file system path: a second start fails at once instead of sharing its data. */
    private static FileLock lock(Path home) {
        try {
            Files.createDirectories(home);
            FileChannel channel = FileChannel.open(home.resolve("peer.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new LaunchException("another peer is running with peer.fileSystemPath " + home.getParent());
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            throw new LaunchException("another peer is running with peer.fileSystemPath " + home.getParent());
        } catch (IOException e) {
            throw new LaunchException("cannot use peer.fileSystemPath " + home.getParent() + ": " + e.getMessage(), e);
        }
    }

    static void release(FileLock lock) {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    /** pax-logging reads this before ConfigAdmin delivers its configuration, so the first lines are right. */
    private static Path writeLoggingProperties(Path home, Options o) {
        Path file = home.resolve("logging.properties");
        Properties p = new Properties();
        p.putAll(Log4j2Settings.properties(o.logSpec(), o.logFormat(), "log4j2."));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "written by the Weft launcher from FABRIC_LOGGING_SPEC and FABRIC_LOGGING_FORMAT");
        } catch (IOException e) {
            throw new LaunchException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
