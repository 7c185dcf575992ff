package io.weft.runtime.cli.logging;

import java.util.List;

import org.hyperledger.fabric.protos.peer.AdminOperation;
import org.hyperledger.fabric.protos.peer.LogLevelRequest;
import org.hyperledger.fabric.protos.peer.LogLevelResponse;

import io.weft.config.logging.LogLevel;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.AdminClient;

import picocli.CommandLine.Command;

/** {@code peer logging setlevel <logger> <level>}. */
@Command(name = "setlevel", description = "Adds the logger and log level to the current logging spec.")
final class LoggingSetLevelCommand extends AdminLoggingCommand {

    LoggingSetLevelCommand(CliContext context) {
        super(context);
    }

    @Override
    void checkArgs(List<String> args) {
        some(args);
        if (args.size() == 1) {
            throw new CliException("no log level provided");
        }
        if (LogLevel.parse(args.get(1)).isEmpty()) {
            throw new CliException("invalid log level provided - " + args.get(1));
        }
    }

    @Override
    void call(AdminClient admin, List<String> args) {
        LogLevelResponse r = admin.stub().setModuleLogLevel(admin.envelope(AdminOperation.newBuilder()
                .setLogReq(LogLevelRequest.newBuilder().setLogModule(args.get(0)).setLogLevel(args.get(1))).build()));
        log().info("Log level set for logger name/prefix '{}': {}", r.getLogModule(), r.getLogLevel());
    }
}
