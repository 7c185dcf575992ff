package io.weft.runtime.cli.logging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.StatusRuntimeException;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.AdminClient;
import io.weft.runtime.cli.client.RpcErrors;
import io.weft.runtime.cli.client.ClientEnvironment;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A {@code peer logging} verb: Fabric checks the arguments first, then loads the environment,
 * calls the Admin service and logs the outcome on {@code cli.logging}.
 */
abstract class AdminLoggingCommand implements Callable<Integer> {

    /** Fabric's logger for these commands; looked up when used, so building the command tree stays cheap. */
    static Logger log() {
        return LoggerFactory.getLogger("cli.logging");
    }

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Parameters(hidden = true)
    List<String> args = List.of();

    AdminLoggingCommand(CliContext context) {
        this.context = context;
    }

    /** Fabric's argument checks for this verb. */
    abstract void checkArgs(List<String> args);

    /** The call; returns normally on success. */
    abstract void call(AdminClient admin, List<String> args);

    @Override
    public final Integer call() {
        checkArgs(args);
        ClientEnvironment env = ClientEnvironment.load(context, Map.of(), spec.root().findOption("--logging-level").getValue());
        try (AdminClient admin = new AdminClient(env)) {
            call(admin, args);
            return 0;
        } catch (StatusRuntimeException e) {
            throw new CliException(RpcErrors.describe(e), e);
        }
    }

    static void none(List<String> args) {
        if (!args.isEmpty()) {
            throw new CliException("more parameters than necessary were provided. Expected 0, received " + args.size());
        }
    }

    static void some(List<String> args) {
        if (args.isEmpty()) {
            throw new CliException("no parameters provided");
        }
    }
}
