package io.weft.tools.javabuilder;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Child processes (Maven, the chaincode JVM) with exactly the given environment. Their output goes straight to the
 * builder's own stdout and stderr (which the peer logs), or, when the builder runs inside another program, is
 * copied to the streams it was given.
 */
final class Processes {

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    /** {@code out} and {@code err} null: the children write to this process's own stdout and stderr. */
    Processes(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
    }

    Map<String, String> env() {
        return env;
    }

    /** A started child; {@link #waitFor} also waits until its copied output is through. */
    record Child(Process process, List<Thread> copiers) {
        int waitFor() throws InterruptedException {
            int code = process.waitFor();
            for (Thread t : copiers) {
                t.join(1_000);
            }
            return code;
        }
    }

    Child start(List<String> command, Path dir, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        if (out == null) {
            return new Child(pb.inheritIO().start(), List.of());
        }
        Process p = pb.start();
        return new Child(p, List.of(copy(p.getInputStream(), out, "stdout"), copy(p.getErrorStream(), err, "stderr")));
    }

    private static Thread copy(InputStream from, PrintStream to, String name) {
        Thread t = new Thread(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException e) {
                // the child is gone
            }
            to.flush();
        }, "child-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The first executable called {@code name} on the children's {@code PATH}. */
    Optional<Path> onPath(String name) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
