package io.weft.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.weft.config.ConfigException;
import io.weft.config.CoreConfig;
import io.weft.config.OrdererConfigurations;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.CliLogging;
import io.weft.runtime.cli.VersionInfo;
import io.weft.runtime.launcher.Distribution;
import io.weft.runtime.launcher.LaunchException;
import io.weft.runtime.launcher.OrdererLauncher;
import io.weft.runtime.launcher.RunningNode;

/**
 * Entry point of {@code bin/orderer}, Fabric's orderer command: {@code orderer [start]} runs the orderer configured by
 * {@code orderer.yaml} (found on {@code FABRIC_CFG_PATH}, {@code ORDERER_} overrides) until stopped; {@code orderer
 * version} prints the version. The configuration is validated before anything starts.
 */
public final class OrdererMain {

    static final String USAGE = """
            usage: orderer [<flags>] <command> [<args> ...]

            Hyperledger Fabric orderer node

            Flags:
              --help  Show context-sensitive help (also try --help-long and --help-man).

            Commands:
              help [<command>...]
                Show help.

              start*
                Start the orderer node

              version
                Show version information

            """;

    private OrdererMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int code = run(CliContext.system(), args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs {@code orderer args}; returns the exit code, or blocks while the started orderer runs. */
    static int run(CliContext context, String... args) throws InterruptedException {
        List<String> words = List.of(args);
        String command = words.isEmpty() ? "start" : words.get(0);
        switch (command) {
            case "--help", "-h", "help":
                context.out().print(USAGE);
                return 0;
            case "version", "start":
                if (words.size() > 1) {
                    return usageError(context, "unexpected " + words.get(1));
                }
                break;
            default:
                return usageError(context, "expected command but got \"" + command + "\"");
        }
        if (command.equals("version")) {
            context.out().print(VersionInfo.current().ordererVersionText());
            return 0;
        }
        try {
            RunningNode orderer = start(context);
            Runtime.getRuntime().addShutdownHook(new Thread(orderer::close, "weft-shutdown"));
            orderer.awaitStop();
            return 0;
        } catch (CliException | LaunchException e) {
            context.err().println("Error: " + e.getMessage());
            return 1;
        }
    }

    /** Reads and validates orderer.yaml, then launches the orderer feature. */
    private static RunningNode start(CliContext context) {
        CliLogging logging = CliLogging.fromEnvironment(context.env());
        CoreConfig config;
        Map<String, Object> general;
        try {
            config = OrdererConfigurations.load(context.env(), context.workingDirectory());
            general = OrdererConfigurations.build(config).get(OrdererConfigurations.GENERAL_PID);
        } catch (ConfigException e) {
            throw new CliException("failed to parse config: " + e.getMessage(), e);
        }
        VersionInfo version = VersionInfo.current();
        return OrdererLauncher.launch(new OrdererLauncher.Options(Distribution.current(), config.file(),
                Path.of((String) general.get("fileLedger.location")), logging.spec(), logging.format(),
                version.version(), version.commit()));
    }

    /** kingpin's answer to a command line it cannot parse. */
    private static int usageError(CliContext context, String message) {
        context.err().println("orderer: error: " + message + ", try --help");
        return 1;
    }
}
