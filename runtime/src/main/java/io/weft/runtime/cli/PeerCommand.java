package io.weft.runtime.cli;

import io.weft.runtime.cli.chaincode.ChaincodeCommand;
import io.weft.runtime.cli.channel.ChannelCommand;
import io.weft.runtime.cli.lifecycle.LifecycleCommand;
import io.weft.runtime.cli.logging.LoggingCommand;
import io.weft.runtime.cli.node.NodeCommand;
import io.weft.runtime.cli.snapshot.SnapshotCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code peer} command: Fabric 2.5's command tree plus 1.4's {@code logging}, with the
 * hidden legacy {@code --logging-level} flag valid on every command.
 */
@Command(name = "peer", mixinStandardHelpOptions = false,
        subcommands = {VersionCommand.class, NodeCommand.class, ChaincodeCommand.class, ChannelCommand.class,
            LoggingCommand.class, LifecycleCommand.class, SnapshotCommand.class},
        description = "Weft: a Hyperledger Fabric peer on OSGi.")
public final class PeerCommand {

    @Option(names = "--logging-level", hidden = true, scope = ScopeType.INHERIT, description = "Legacy logging level flag")
    String loggingLevel;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "help for this command")
    boolean help;
}
