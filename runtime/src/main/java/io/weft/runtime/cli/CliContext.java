package io.weft.runtime.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command runs against: the environment, the working directory and the output streams.
 * Commands never read {@code System.getenv()} or {@code System.out} directly, so tests can run
 * them in-process.
 *
 * @param env the process environment
 * @param workingDirectory the folder relative command-line paths resolve against
 * @param out standard output: command results
 * @param err standard error: log lines and errors
 */
public record CliContext(Map<String, String> env, Path workingDirectory, PrintStream out, PrintStream err) {

    public CliContext {
        env = Map.copyOf(requireNonNull(env, "env"));
        requireNonNull(workingDirectory, "workingDirectory");
        requireNonNull(out, "out");
        requireNonNull(err, "err");
    }

    /** The context of this process. */
    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err);
    }
}
