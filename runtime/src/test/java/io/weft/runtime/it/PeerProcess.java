package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A peer run as users run it: {@code bin/peer} from the assembled distribution, in a child
 * process, with its own config folder, data folder and free loopback ports.
 */
final class PeerProcess implements AutoCloseable {

    final Path configDir;
    final Path dataDir;
    final int peerPort;
    final int operationsPort;
    final int chaincodePort;
    private final Map<String, String> env = new HashMap<>();
    private final Path log;
    private Process process;

    PeerProcess(Path workDir) {
        this.configDir = Dist.copyConfig(workDir.resolve("config"));
        this.dataDir = workDir.resolve("data");
        this.log = workDir.resolve("peer.log");
        this.peerPort = FreePorts.next();
        this.operationsPort = FreePorts.next();
        this.chaincodePort = FreePorts.next();
        env.put("FABRIC_CFG_PATH", configDir.toString());
        env.put("CORE_PEER_FILESYSTEMPATH", dataDir.toString());
        env.put("CORE_PEER_LISTENADDRESS", "127.0.0.1:" + peerPort);
        env.put("CORE_PEER_CHAINCODELISTENADDRESS", "127.0.0.1:" + chaincodePort);
        env.put("CORE_PEER_ADDRESS", "127.0.0.1:" + peerPort);
        env.put("CORE_OPERATIONS_LISTENADDRESS", "127.0.0.1:" + operationsPort);
    }

    PeerProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** Starts {@code peer node start} with extra arguments. */
    PeerProcess start(String... args) {
        return startWithInput(null, args);
    }

    /** Starts {@code peer node start}, typing {@code input} on its standard input (null: none). */
    PeerProcess startWithInput(String input, String... args) {
        List<String> command = new ArrayList<>(List.of(Dist.peer().toString(), "node", "start"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("CORE_") || k.startsWith("FABRIC_"));
        pb.environment().putAll(env);
        try {
            process = pb.start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
            } else {
                process.getOutputStream().close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until {@code /healthz} answers 200; fails with the peer's log otherwise. */
    PeerProcess awaitHealthy(Duration timeout) throws InterruptedException {
        return awaitHealthy(timeout, HttpClient.newHttpClient(), operationsUrl());
    }

    /** Waits until /healthz answers 200 (it answers 503 while a component is still coming up). */
    PeerProcess awaitHealthy(Duration timeout, HttpClient http, String operationsBase) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("peer exited early; log:%n%s", log()).isTrue();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(operationsBase + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("peer not healthy within " + timeout + "; log:\n" + log());
    }

    String operationsUrl() {
        return "http://127.0.0.1:" + operationsPort;
    }

    /** Waits for the process to end; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("peer still running; log:%n%s", log()).isTrue();
        return process.exitValue();
    }

    /**
     * The log once it holds {@code line}, waiting up to 10 s: the peer writes its log asynchronously, so a line of
     * start-up may land after the node already answers.
     */
    String awaitLog(String line) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        String text = log();
        while (!text.contains(line) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            text = log();
        }
        return text;
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the peer as an operator would (SIGTERM) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
