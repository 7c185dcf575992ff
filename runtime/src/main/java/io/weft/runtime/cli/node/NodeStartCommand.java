package io.weft.runtime.cli.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.config.ConfigException;
import io.weft.config.CoreConfig;
import io.weft.config.PeerConfigurations;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.CliLogging;
import io.weft.runtime.cli.VersionInfo;
import io.weft.runtime.launcher.Distribution;
import io.weft.runtime.launcher.LaunchException;
import io.weft.runtime.launcher.PeerLauncher;
import io.weft.runtime.launcher.RunningPeer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peer node start}: validates the whole configuration first (a bad key stops here, with
 * nothing started), then launches the OSGi framework with the peer feature and runs until stopped.
 */
@Command(name = "start", description = "Starts the node.")
public final class NodeStartCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger("nodeCmd");

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--peer-chaincodedev", arity = "0..1", fallbackValue = "true",
            description = "start peer in chaincode development mode")
    boolean chaincodeDev;

    @Option(names = "--console", arity = "0..1", fallbackValue = "true",
            description = "Weft: give the Gogo shell this terminal while the peer runs")
    boolean console;

    public NodeStartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        CliLogging logging = CliLogging.fromEnvironment(context.env());
        logging.install();
        Map<String, String> overrides = new LinkedHashMap<>();
        if (chaincodeDev) {
            overrides.put("chaincode.mode", "dev");
        }
        CoreConfig config;
        Map<String, Map<String, Object>> pids;
        try {
            config = CoreConfig.load(context.env(), context.workingDirectory(), overrides);
            pids = PeerConfigurations.build(config);
        } catch (ConfigException e) {
            throw new CliException(e.getMessage(), e);
        }
        Object legacyFlag = spec.findOption("--logging-level") == null ? null : spec.findOption("--logging-level").getValue();
        if (legacyFlag != null || config.isSet("logging.level") || config.isSet("logging_level")) {
            LOG.warn(CliLogging.LEGACY_WARNING);
        }
        VersionInfo version = VersionInfo.current();
        LOG.info("Starting peer:\n Version: {}\n Commit SHA: {}\n Java version: {}", version.version(), version.commit(),
                System.getProperty("java.version"));
        Distribution dist = Distribution.current();
        RunningPeer peer;
        try {
            peer = PeerLauncher.launch(new PeerLauncher.Options(dist, List.of("peer"), config.file(), overrides,
                    java.nio.file.Path.of((String) pids.get(PeerConfigurations.NODE_PID).get("fileSystemPath")),
                    logging.spec(), logging.format(), version.version(), version.commit(), console));
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), e);
        }
        Thread hook = new Thread(peer::close, "weft-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        peer.awaitStop();
        return 0;
    }
}
