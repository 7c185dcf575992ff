package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An orderer run as operators run it: {@code bin/orderer} of the assembled distribution in a child process, with the
 * environment given (FABRIC_CFG_PATH, ORDERER_* overrides), its output appended to a log file.
 */
final class OrdererProcess implements AutoCloseable {

    /** Fabric's last start-up line: the Broadcast/Deliver listener and the admin endpoint serve. */
    static final String SERVING = "Beginning to serve requests";

    private final Process process;
    private final Path log;

    private OrdererProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code bin/orderer} and waits until it serves; fails with its log when it exits first. */
    static OrdererProcess start(Map<String, String> env, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Dist.bin("orderer").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("ORDERER_") || k.startsWith("FABRIC_"));
        pb.environment().putAll(env);
        OrdererProcess orderer = new OrdererProcess(pb.start(), log);
        orderer.process.getOutputStream().close();
        int linesBefore = orderer.log().split(SERVING, -1).length;
        Instant deadline = Instant.now().plusSeconds(120);
        while (orderer.log().split(SERVING, -1).length == linesBefore && Instant.now().isBefore(deadline)) {
            assertThat(orderer.process.isAlive()).as("orderer exited early; log:%n%s", orderer.log()).isTrue();
            Thread.sleep(100);
        }
        assertThat(orderer.log().split(SERVING, -1).length).as("orderer log:%n%s", orderer.log())
                .isGreaterThan(linesBefore);
        return orderer;
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no orderly close of the ledger. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
