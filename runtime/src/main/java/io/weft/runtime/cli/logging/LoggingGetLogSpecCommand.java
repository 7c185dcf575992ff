package io.weft.runtime.cli.logging;

import java.util.List;

import org.hyperledger.fabric.protos.peer.LogSpecResponse;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.client.AdminClient;

import picocli.CommandLine.Command;

/** {@code peer logging getlogspec}. */
@Command(name = "getlogspec", description = "Returns the active log spec.")
final class LoggingGetLogSpecCommand extends AdminLoggingCommand {

    LoggingGetLogSpecCommand(CliContext context) {
        super(context);
    }

    @Override
    void checkArgs(List<String> args) {
        none(args);
    }

    @Override
    void call(AdminClient admin, List<String> args) {
        LogSpecResponse r = admin.stub().getLogSpec(admin.envelope());
        log().info("Current logging spec: {}", r.getLogSpec());
    }
}
