package io.weft.runtime.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A Fabric {@code peer} command whose flags Weft already parses (so scripts get the same
 * flag errors as with Fabric) but whose work a later Weft release implements. Running it fails
 * with {@code Error: peer <command> is not available yet in Weft} and exit code 1.
 */
public abstract class PendingCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public final Integer call() {
        throw CliException.notAvailable(spec.qualifiedName());
    }
}
