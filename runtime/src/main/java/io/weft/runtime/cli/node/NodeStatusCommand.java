package io.weft.runtime.cli.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.peer.ServerStatus;

import io.grpc.StatusRuntimeException;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.AdminClient;
import io.weft.runtime.cli.client.ClientEnvironment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peer node status} (Fabric 1.4): asks the running peer's Admin service; prints {@code status:STARTED}. */
@Command(name = "status", description = "Returns status of the node.")
public final class NodeStatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Parameters(hidden = true)
    private List<String> trailing = List.of();

    public NodeStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!trailing.isEmpty()) {
            throw new CliException("trailing args detected: " + trailing);
        }
        ClientEnvironment env;
        try {
            env = ClientEnvironment.load(context, Map.of(), spec.root().findOption("--logging-level").getValue());
        } catch (CliException e) {
            context.out().println(line(ServerStatus.StatusCode.UNKNOWN));
            throw e;
        }
        try (AdminClient admin = new AdminClient(env)) {
            ServerStatus status = admin.stub().getStatus(admin.envelope());
            context.out().println(line(status.getStatus()));
            return 0;
        } catch (StatusRuntimeException e) {
            context.out().println(line(ServerStatus.StatusCode.UNKNOWN));
            throw new CliException("Error trying to connect to local peer: " + e.getStatus().getCode() + ": "
                    + e.getStatus().getDescription(), e);
        } catch (CliException e) {
            context.out().println(line(ServerStatus.StatusCode.UNKNOWN));
            throw new CliException("Error trying to connect to local peer: " + e.getMessage(), e);
        }
    }

    /** Go's compact text of {@code ServerStatus}. */
    static String line(ServerStatus.StatusCode code) {
        return "status:" + code.name();
    }
}
