package io.weft.runtime.cli.logging;

import java.util.List;

import org.hyperledger.fabric.protos.peer.AdminOperation;
import org.hyperledger.fabric.protos.peer.LogSpecRequest;
import org.hyperledger.fabric.protos.peer.LogSpecResponse;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.AdminClient;

import picocli.CommandLine.Command;

/** {@code peer logging setlogspec <spec>}. */
@Command(name = "setlogspec", description = "Sets the logging spec.")
final class LoggingSetLogSpecCommand extends AdminLoggingCommand {

    LoggingSetLogSpecCommand(CliContext context) {
        super(context);
    }

    @Override
    void checkArgs(List<String> args) {
        some(args);
    }

    @Override
    void call(AdminClient admin, List<String> args) {
        LogSpecResponse r = admin.stub().setLogSpec(admin.envelope(AdminOperation.newBuilder()
                .setLogSpecReq(LogSpecRequest.newBuilder().setLogSpec(args.get(0))).build()));
        if (!r.getError().isEmpty()) {
            throw new CliException(r.getError());
        }
        log().info("Current logging spec set to: {}", r.getLogSpec());
    }
}
