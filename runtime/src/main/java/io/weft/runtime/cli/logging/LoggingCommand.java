package io.weft.runtime.cli.logging;

import picocli.CommandLine.Command;

/** {@code peer logging} (Fabric 1.4): talks to the running peer's {@code protos.Admin} service. */
@Command(name = "logging", description = "Logging configuration: getlevel|setlevel|getlogspec|setlogspec|revertlevels.",
        subcommands = {LoggingGetLevelCommand.class, LoggingSetLevelCommand.class, LoggingRevertLevelsCommand.class,
            LoggingGetLogSpecCommand.class, LoggingSetLogSpecCommand.class})
public final class LoggingCommand {
}
