package io.weft.runtime.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import io.weft.runtime.Main;

/** One in-process run of the {@code peer} CLI, with what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** A run with these environment variables (and no others). */
    public static CliRun run(Map<String, String> env, String... args) {
        return runIn(Path.of("."), env, args);
    }

    /** A run in this working directory, with these environment variables (and no others). */
    public static CliRun runIn(Path workingDirectory, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(env, workingDirectory, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = Main.run(context, args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A command line written as in a shell script without quoting: split on spaces. */
    public static String[] words(String commandLine) {
        return commandLine.trim().split(" +");
    }

    public String firstErrLine() {
        return err.lines().findFirst().orElse("");
    }
}
