package io.weft.runtime.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs {@code bin/peer <args>} (or another command of the distribution's bin/) in a child process. */
final class PeerCli {

    /** What a run printed and returned. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private PeerCli() {
    }

    static Result run(Map<String, String> env, Path workingDirectory, String... args) {
        return runBin("peer", env, workingDirectory, args);
    }

    /** Runs {@code bin/<name> <args>} of the distribution, in this environment without Fabric's variables. */
    static Result runBin(String name, Map<String, String> env, Path workingDirectory, String... args) {
        return exec(Dist.bin(name), environment -> {
            environment.keySet().removeIf(k -> k.startsWith("CORE_") || k.startsWith("FABRIC_"));
            environment.putAll(env);
        }, workingDirectory, args);
    }

    /** Runs {@code command <args>} with exactly the environment {@code env}, as a peer runs external builders. */
    static Result runWithOnly(Path command, Map<String, String> env, Path workingDirectory, String... args) {
        return exec(command, environment -> {
            environment.clear();
            environment.putAll(env);
        }, workingDirectory, args);
    }

    private static Result exec(Path executable, Consumer<Map<String, String>> environment, Path workingDirectory,
            String... args) {
        String name = executable.getFileName().toString();
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile());
        environment.accept(pb.environment());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            var out = p.getInputStream();
            var err = p.getErrorStream();
            byte[][] captured = new byte[2][];
            Thread errReader = new Thread(() -> {
                try {
                    captured[1] = err.readAllBytes();
                } catch (IOException e) {
                    captured[1] = new byte[0];
                }
            });
            errReader.start();
            captured[0] = out.readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(name + " " + String.join(" ", args) + " did not finish");
            }
            errReader.join();
            return new Result(p.exitValue(), new String(captured[0], StandardCharsets.UTF_8),
                    new String(captured[1], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
