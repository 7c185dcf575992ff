package io.weft.runtime.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code peer version}. */
@Command(name = "version", description = "Print fabric peer version.")
public final class VersionCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(hidden = true)
    private List<String> trailing = List.of();

    public VersionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!trailing.isEmpty()) {
            throw new CliException("trailing args detected");
        }
        context.out().print(VersionInfo.current().peerVersionText());
        return 0;
    }
}
