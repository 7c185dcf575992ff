package io.weft.runtime.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    /** Runs {@code bin/<name> <args>} of the distribution. */
    static Result runBin(String name, Map<String, String> env, Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Dist.bin(name).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CORE_") || k.startsWith("FABRIC_"));
        pb.environment().putAll(env);
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
