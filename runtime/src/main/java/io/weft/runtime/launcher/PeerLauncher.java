package io.weft.runtime.launcher;

import static java.util.Objects.requireNonNull;

import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    private PeerLauncher() {
    }

    /** Starts the peer; the caller closes the result to stop it. */
    public static RunningNode launch(Options o) {
        Path home = o.fileSystemPath().resolve("weft");
        FileLock lock = NodeSetup.lock(home, "peer", "peer.fileSystemPath");
        try {
            Map<String, String> props = NodeSetup.frameworkProperties(home, o.dist(), o.logSpec(), o.logFormat(),
                    o.version(), o.commit());
            props.put("weft.config.file", o.configFile().toString());
            // the embedded orderer's orderer.yaml: beside core.yaml, where Fabric's search path would find it too
            Path ordererYaml = o.configFile().resolveSibling("orderer.yaml");
            if (Files.isRegularFile(ordererYaml)) {
                props.put("weft.orderer.config.file", ordererYaml.toString());
            }
            props.put("weft.config.override.keys", String.join(",", o.overrides().keySet()));
            o.overrides().forEach((k, v) -> props.put("weft.config.override." + k, v));
            props.put("weft.logging.legacyLevel", String.valueOf(o.legacyLoggingLevel()));
            props.put("gosh.args", o.console() ? "--noshutdown" : "--nointeractive --noshutdown");
            props.put("gosh.home", o.dist().home().toString()); // etc/gosh_profile, etc/motd
            props.put("felix.fileinstall.dir", o.dist().deploy().toString());
            props.put("felix.fileinstall.noInitialDelay", "true");
            props.put("felix.fileinstall.poll", "2000");
            props.put("felix.fileinstall.log.level", "2");
            FeatureSet features = FeatureSet.load(o.dist(), o.features());
            if (!o.console()) {
                // the shell runs without a terminal (its commands serve SSH): no terminal probing, no warning
                System.setProperty("org.jline.terminal.dumb", "true");
            }
            return NodeSetup.start(home, lock, props, features, NodeWatcher.PEER_NODE, "peer");
        } catch (RuntimeException e) {
            NodeSetup.release(lock);
            throw e;
        }
    }
}
