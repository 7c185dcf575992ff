package io.weft.runtime.launcher;

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
import java.util.Map;
import java.util.Properties;

import org.osgi.framework.launch.Framework;

import io.weft.config.logging.Log4j2Settings;
import io.weft.config.logging.LogSpec;

/**
 * What every Weft node process (peer, standalone orderer) sets up before its framework starts: the lock on its
 * folder, the logging configuration pax-logging reads first, and the framework properties they share.
 */
final class NodeSetup {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private NodeSetup() {
    }

    /**
     * Locks {@code <home>/<node>.lock}: one node per folder, a second start fails at once instead of sharing its data.
     *
     * @param folderSetting the setting naming the folder, for the message ({@code peer.fileSystemPath})
     */
    static FileLock lock(Path home, String node, String folderSetting) {
        String taken = "another " + node + " is running with " + folderSetting + " " + home.getParent();
        try {
            Files.createDirectories(home);
            FileChannel channel = FileChannel.open(home.resolve(node + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new LaunchException(taken);
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            throw new LaunchException(taken);
        } catch (IOException e) {
            throw new LaunchException("cannot use " + folderSetting + " " + home.getParent() + ": " + e.getMessage(), e);
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

    /**
     * Starts the framework (its cache under {@code home}) with {@code features} and waits for the service
     * {@code objectClass} announcing {@code node}'s start-up; stops the framework when the node fails.
     */
    static RunningNode start(Path home, FileLock lock, Map<String, String> props, FeatureSet features,
            String objectClass, String node) {
        Framework framework = new FrameworkLauncher(home.resolve("osgi-cache"), props).launch(features);
        try {
            return new RunningNode(framework, NodeWatcher.awaitStarted(framework, STARTUP_TIMEOUT, objectClass, node),
                    lock);
        } catch (RuntimeException e) {
            FrameworkLauncher.stopQuietly(framework);
            throw e;
        }
    }

    /** The framework properties of every node: installation, logging (written to {@code home}), version, DS. */
    static Map<String, String> frameworkProperties(Path home, Distribution dist, LogSpec logSpec, String logFormat,
            String version, String commit) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("weft.home", dist.home().toString());
        props.put("weft.logging.spec", logSpec.toString());
        props.put("weft.logging.format", logFormat);
        props.put("weft.version", version);
        props.put("weft.commit", commit);
        props.put("org.ops4j.pax.logging.property.file", writeLoggingProperties(home, logSpec, logFormat).toString());
        props.put("org.ops4j.pax.logging.DefaultServiceLog.level", "ERROR");
        props.put("ds.loglevel", "warn");
        return props;
    }

    /** pax-logging reads this before ConfigAdmin delivers its configuration, so the first lines are right. */
    private static Path writeLoggingProperties(Path home, LogSpec logSpec, String logFormat) {
        Path file = home.resolve("logging.properties");
        Properties p = new Properties();
        p.putAll(Log4j2Settings.properties(logSpec, logFormat, "log4j2."));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "written by the Weft launcher from FABRIC_LOGGING_SPEC and FABRIC_LOGGING_FORMAT");
        } catch (IOException e) {
            throw new LaunchException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
