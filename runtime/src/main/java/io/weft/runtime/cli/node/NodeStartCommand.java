package io.weft.runtime.cli.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.weft.config.PeerConfigurations;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.CliLogging;
import io.weft.runtime.cli.LoadedConfig;
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

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--peer-chaincodedev", arity = "0..1", fallbackValue = "true",
            description = "start peer in chaincode development mode")
    boolean chaincodeDev;

    @Option(names = "--console", arity = "0..1", fallbackValue = "true",
            description = "Weft: give the Gogo shell this terminal while the peer runs")
    boolean console;

    @Option(names = "--check", arity = "0..1", fallbackValue = "true",
            description = "Weft: start the node, wait until it serves, stop it; exit 0 if it started")
    boolean check;

    public NodeStartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        // validated here, applied inside the framework: the launcher itself logs nothing (start-up time)
        CliLogging logging = CliLogging.fromEnvironment(context.env());
        Map<String, String> overrides = new LinkedHashMap<>();
        if (chaincodeDev) {
            overrides.put("chaincode.mode", "dev");
        }
        LoadedConfig loaded = LoadedConfig.load(context, overrides);
        boolean legacyLogging = loaded.legacyLoggingLevel(spec.root().findOption("--logging-level").getValue());
        VersionInfo version = VersionInfo.current();
        Distribution dist = Distribution.current();
        RunningPeer peer;
        try {
            peer = PeerLauncher.launch(new PeerLauncher.Options(dist, List.of("peer"), loaded.config().file(), overrides,
                    java.nio.file.Path.of((String) loaded.pid(PeerConfigurations.NODE_PID).get("fileSystemPath")),
                    logging.spec(), logging.format(), version.version(), version.commit(), console, legacyLogging));
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), e);
        }
        if (check) {
            peer.close();
            context.out().println("peer started (" + String.join(", ", peer.addresses().values()) + ") and stopped");
            return 0;
        }
        Thread hook = new Thread(peer::close, "weft-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        peer.awaitStop();
        return 0;
    }
}
