package io.weft.core.chaincode.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * One process an external builder started (Fabric's {@code Session}): its output goes to the builder's logger line
 * by line, {@link #exit()} completes with its exit code, {@link #stop} asks it to end and kills it after a grace
 * period.
 */
final class ChaincodeProcess {

    private final Process process;
    private final CompletableFuture<Integer> exit;

    private ChaincodeProcess(Process process) {
        this.process = process;
        this.exit = process.onExit().thenApply(Process::exitValue);
    }

    /** Starts {@code command} with exactly {@code environment}, logging what it prints. */
    static ChaincodeProcess start(List<String> command, Map<String, String> environment, Logger log)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process p = pb.start();
        p.getOutputStream().close();
        Thread pump = new Thread(() -> pump(p.getInputStream(), log), "chaincode-output-" + p.pid());
        pump.setDaemon(true);
        pump.start();
        return new ChaincodeProcess(p);
    }

    private static void pump(InputStream out, Logger log) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                log.info("{}", line);
            }
        } catch (IOException e) {
            log.debug("output of the chaincode process ended: {}", e.getMessage());
        }
    }

    CompletableFuture<Integer> exit() {
        return exit;
    }

    /** Waits for the process to end; its exit code. */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Asks the process (and its children) to end; kills what is left after {@code graceMillis}. */
    void stop(long graceMillis) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }
}
