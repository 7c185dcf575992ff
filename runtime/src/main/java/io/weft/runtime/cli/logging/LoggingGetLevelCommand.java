package io.weft.runtime.cli.logging;

import java.util.List;

import org.hyperledger.fabric.protos.peer.AdminOperation;
import org.hyperledger.fabric.protos.peer.LogLevelRequest;
import org.hyperledger.fabric.protos.peer.LogLevelResponse;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.client.AdminClient;

import picocli.CommandLine.Command;

/** {@code peer logging getlevel <logger>}. */
@Command(name = "getlevel", description = "Returns the logging level of the requested logger.")
final class LoggingGetLevelCommand extends AdminLoggingCommand {

    LoggingGetLevelCommand(CliContext context) {
        super(context);
    }

    @Override
    void checkArgs(List<String> args) {
        some(args);
    }

    @Override
    void call(AdminClient admin, List<String> args) {
        LogLevelResponse r = admin.stub().getModuleLogLevel(admin.envelope(AdminOperation.newBuilder()
                .setLogReq(LogLevelRequest.newBuilder().setLogModule(args.get(0))).build()));
        log().info("Current log level for logger '{}': {}", r.getLogModule(), r.getLogLevel());
    }
}
