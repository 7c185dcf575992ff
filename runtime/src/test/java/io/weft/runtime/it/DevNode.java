package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code peer node start --dev} run by a user in {@code work}: the process, its log, and the lines it prints once
 * the network is up (the {@code export} lines and the orderer flags).
 */
final class DevNode implements AutoCloseable {

    private static final Pattern EXPORT = Pattern.compile("^export (\\w+)=(\\S+)$", Pattern.MULTILINE);
    private static final Pattern ORDERER_ARGS = Pattern.compile("^export ORDERER_ARGS=\"([^\"]+)\"", Pattern.MULTILINE);

    private final Process process;
    private final Path log;

    private DevNode(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the dev network in {@code work} (its folder {@code work/weft-dev}), logging to {@code log}. */
    static DevNode start(Path work, Path log, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(Dist.peer().toString(), "node", "start", "--dev"));
        command.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CORE_") || k.startsWith("FABRIC_")
                || k.startsWith("ORDERER_"));
        Process p = pb.start();
        p.getOutputStream().close();
        return new DevNode(p, log);
    }

    /** Waits until the network is up (it printed its shell lines); the exported variables. */
    Map<String, String> awaitExports() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            String text = log();
            assertThat(process.isAlive()).as("dev network exited; log:%n%s", text).isTrue();
            if (text.contains("export ORDERER_ARGS")) {
                Map<String, String> env = new LinkedHashMap<>();
                Matcher m = EXPORT.matcher(text);
                while (m.find()) {
                    env.put(m.group(1), m.group(2));
                }
                return env;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("dev network not up in 120 s; log:\n" + log());
    }

    /** The orderer flags it printed ({@code export ORDERER_ARGS="-o ... [--tls --cafile ...]"}). */
    String[] ordererArgs() throws IOException {
        Matcher m = ORDERER_ARGS.matcher(log());
        assertThat(m.find()).isTrue();
        return m.group(1).split(" ");
    }

    /** SIGKILL, as a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    private String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Stops it as an operator would (SIGTERM), killing it if it does not end in 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
