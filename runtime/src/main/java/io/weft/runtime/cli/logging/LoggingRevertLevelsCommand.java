package io.weft.runtime.cli.logging;

import java.util.List;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.client.AdminClient;

import picocli.CommandLine.Command;

/** {@code peer logging revertlevels}. */
@Command(name = "revertlevels", description = "Reverts the logging spec to the peer's spec at startup.")
final class LoggingRevertLevelsCommand extends AdminLoggingCommand {

    LoggingRevertLevelsCommand(CliContext context) {
        super(context);
    }

    @Override
    void checkArgs(List<String> args) {
        none(args);
    }

    @Override
    void call(AdminClient admin, List<String> args) {
        admin.stub().revertLogLevels(admin.envelope());
        log().info("Logging spec reverted to the peer's spec at startup.");
    }
}
