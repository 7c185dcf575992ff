package io.weft.runtime.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.weft.config.logging.LogSpec;

/**
 * Launches a standalone orderer's OSGi side ({@code bin/orderer}): takes the lock of its ledger folder, hands the
 * framework its orderer.yaml, logging and version, starts the {@code orderer} feature (no peer core) and waits for
 * the orderer to report. The framework cache lives under {@code <FileLedger.Location>/weft}.
 */
public final class OrdererLauncher {

    /** The feature a standalone orderer runs: the orderer bundles and the infrastructure they need. */
    public static final String FEATURE = "orderer";

    /**
     * What to launch.
     *
     * @param dist the installation
     * @param configFile the orderer.yaml in use
     * @param ledgerLocation {@code FileLedger.Location}, resolved
     * @param logSpec the logging spec
     * @param logFormat the logging format
     * @param version Weft's version
     * @param commit the commit
     */
    public record Options(Distribution dist, Path configFile, Path ledgerLocation, LogSpec logSpec, String logFormat,
            String version, String commit) {
        public Options {
            requireNonNull(dist, "dist");
            requireNonNull(configFile, "configFile");
            requireNonNull(ledgerLocation, "ledgerLocation");
            requireNonNull(logSpec, "logSpec");
            requireNonNull(logFormat, "logFormat");
        }
    }

    private OrdererLauncher() {
    }

    /** Starts the orderer; the caller closes the result to stop it. */
    public static RunningNode launch(Options o) {
        Path home = o.ledgerLocation().resolve("weft");
        FileLock lock = NodeSetup.lock(home, "orderer", "FileLedger.Location");
        try {
            Map<String, String> props = NodeSetup.frameworkProperties(home, o.dist(), o.logSpec(), o.logFormat(),
                    o.version(), o.commit());
            props.put("weft.orderer.config.file", o.configFile().toString());
            // ConfigAdmin's store, emptied at each start: the orderer's components must not activate on the
            // configurations of an earlier run before this run's orderer.yaml is applied
            props.put("felix.cm.dir", emptied(home.resolve("configurations")).toString());
            FeatureSet features = FeatureSet.load(o.dist(), List.of(FEATURE));
            return NodeSetup.start(home, lock, props, features, NodeWatcher.ORDERER_STATUS, "orderer");
        } catch (RuntimeException e) {
            NodeSetup.release(lock);
            throw e;
        }
    }

    private static Path emptied(Path dir) {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new LaunchException("cannot clear " + dir + ": " + e.getMessage(), e);
            }
        }
        return dir;
    }
}
