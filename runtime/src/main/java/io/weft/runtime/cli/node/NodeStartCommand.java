package io.weft.runtime.cli.node;

import java.io.IOException;
import java.nio.file.Path;

import io.weft.runtime.cli.options.GoBoolConverter;
import io.weft.runtime.dev.DevNetwork;
import io.weft.runtime.dev.DevNetworkFiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import io.weft.runtime.launcher.RunningNode;

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

    @Option(names = "--dev", arity = "0..1", fallbackValue = "true",
            description = "Weft: run the dev network: this peer and an embedded orderer on the loopback, channel "
                    + "mychannel created and joined on first start")
    boolean dev;

    @Option(names = "--dev-dir", paramLabel = "<dir>",
            description = "Weft: where the dev network keeps its crypto, configuration and ledgers (default: weft-dev)")
    String devDir = "weft-dev";

    @Option(names = "--dev-orderer", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Weft: run the dev network's orderer in this process (default true); false: run it apart, "
                    + "with FABRIC_CFG_PATH=<dev-dir>/config bin/orderer")
    boolean devOrderer = true;

    @Option(names = "--dev-tls", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Weft: TLS between the dev network's nodes and clients (default true)")
    boolean devTls = true;

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
        Distribution dist = Distribution.current();
        CliContext nodeContext = context;
        DevNetwork network = null;
        if (dev) {
            network = new DevNetwork(context.workingDirectory().resolve(devDir), devTls);
            Path coreYaml;
            try {
                coreYaml = network.prepare(dist.home().resolve("config"));
            } catch (IOException e) {
                throw new CliException("cannot prepare the dev network in " + devDir + ": " + e.getMessage(), e);
            }
            Map<String, String> env = new LinkedHashMap<>(context.env());
            env.put("FABRIC_CFG_PATH", coreYaml.getParent().toString());
            nodeContext = new CliContext(env, context.workingDirectory(), context.out(), context.err());
            overrides.putAll(network.peerOverrides());
        }
        LoadedConfig loaded = LoadedConfig.load(nodeContext, overrides);
        boolean legacyLogging = loaded.legacyLoggingLevel(spec.root().findOption("--logging-level").getValue());
        VersionInfo version = VersionInfo.current();
        RunningNode peer;
        try {
            List<String> features = dev && devOrderer ? List.of("peer", "orderer") : List.of("peer");
            peer = PeerLauncher.launch(new PeerLauncher.Options(dist, features,
                    loaded.config().file(), overrides,
                    java.nio.file.Path.of((String) loaded.pid(PeerConfigurations.NODE_PID).get("fileSystemPath")),
                    logging.spec(), logging.format(), version.version(), version.commit(), console, legacyLogging));
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), e);
        }
        if (network != null) {
            joinDevChannel(network, peer);
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

    /** Joins the dev channel (retrying while the orderer comes up) and prints what a shell needs. */
    private void joinDevChannel(DevNetwork network, RunningNode peer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                network.joinChannel(context);
                break;
            } catch (IOException | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    peer.close();
                    throw new CliException("the dev network could not join " + DevNetworkFiles.CHANNEL + ": "
                            + e.getMessage(), e);
                }
                Thread.sleep(500);
            }
        }
        context.out().println("Weft dev network: peer " + DevNetwork.PEER_ADDRESS + ", orderer "
                + DevNetwork.ORDERER_ADDRESS + ", channel " + DevNetworkFiles.CHANNEL + " (in "
                + network.files().dir() + "). In another shell:");
        network.shellLines().forEach(context.out()::println);
        context.out().flush();
    }
}
