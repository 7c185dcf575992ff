package io.weft.runtime.cli;

import io.weft.runtime.cli.chaincode.ChaincodeCommand;
import io.weft.runtime.cli.channel.ChannelCommand;
import io.weft.runtime.cli.lifecycle.LifecycleCommand;
import io.weft.runtime.cli.logging.LoggingCommand;
import io.weft.runtime.cli.node.NodeCommand;
import io.weft.runtime.cli.snapshot.SnapshotCommand;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code peer} command: Fabric 2.5's command tree plus 1.4's {@code logging}, with the
 * hidden legacy {@code --logging-level} flag valid on every command.
 */
@Command(name = "peer", mixinStandardHelpOptions = false, description = "Weft: a Hyperledger Fabric peer on OSGi.")
public final class PeerCommand {

    /** The top-level commands, in help order. */
    public static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> c = new LinkedHashMap<>();
        c.put("version", VersionCommand.class);
        c.put("node", NodeCommand.class);
        c.put("chaincode", ChaincodeCommand.class);
        c.put("channel", ChannelCommand.class);
        c.put("logging", LoggingCommand.class);
        c.put("lifecycle", LifecycleCommand.class);
        c.put("snapshot", SnapshotCommand.class);
        return java.util.Collections.unmodifiableMap(c);
    }

    @Option(names = "--logging-level", hidden = true, scope = ScopeType.INHERIT, description = "Legacy logging level flag")
    String loggingLevel;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "help for this command")
    boolean help;
}
