package io.weft.runtime.cli.channel;

import java.util.Map;
import java.util.concurrent.Callable;

import io.grpc.StatusRuntimeException;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.client.ClientEnvironment;
import io.weft.runtime.cli.client.EndorserClient;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code peer channel} verb answered by a system chaincode on the peer: Fabric checks the flags first, then
 * loads the environment (local MSP, peer address, TLS) and sends one signed proposal.
 */
abstract class EndorserChannelCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    EndorserChannelCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    /** Fabric's flag checks for this verb, before anything is loaded. */
    abstract void checkArgs();

    /** The call; a failed gRPC call arrives as {@link StatusRuntimeException}, turned into this verb's message. */
    abstract void call(EndorserClient endorser);

    /** The message for a failed gRPC call, as this verb words it. */
    abstract String rpcFailure(StatusRuntimeException e);

    @Override
    public final Integer call() {
        checkArgs();
        ClientEnvironment env = ClientEnvironment.load(context, Map.of(),
                spec.root().findOption("--logging-level").getValue());
        try (EndorserClient endorser = new EndorserClient(env)) {
            call(endorser);
            return 0;
        } catch (StatusRuntimeException e) {
            throw new io.weft.runtime.cli.CliException(rpcFailure(e), e);
        }
    }
}
