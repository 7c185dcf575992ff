package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.weft.ledger.BlockAndPvtData;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerLock;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.storage.leveldb.LevelDbStorageComponent;

/**
 * The peer opens the ledgers it finds under {@code peer.fileSystemPath}, holds their lock, and follows a swap of
 * its storage backend at runtime: leveldb stopped (ledgers closed, lock released), memory configured (everything
 * rebuilt from the block files), leveldb back (same height, nothing lost on disk).
 */
class LedgerIT {

    private static final String LEDGER_PID = "io.weft.core.ledger";

    @TempDir
    Path work;

    @Test
    void opensTheLedgersAndFollowsABackendSwap() throws Exception {
        Path data = work.resolve("data");
        LedgerLayout layout = new LedgerLayout(data);
        createLedger(layout, 4);

        try (InProcessPeer peer = new InProcessPeer(work, Map.of())) {
            GogoShell shell = new GogoShell(peer.context());
            assertThat(awaitLedgers(shell, "mychannel", "leveldb")).matches(row("mychannel", 5, 5, 5, "leveldb"));
            assertThat(awaitHealthy(peer)).isEqualTo(200);
            assertThat(probeLock(data)).isEqualTo(LedgerLock.IN_USE);

            Bundle leveldb = bundle(peer.context(), "io.weft.storage-leveldb");
            shell.run("stop " + leveldb.getBundleId());
            assertThat(shell.run("weft:ledgers"))
                    .isEqualTo("the ledgers are not open: no ledger manager is active (storage backends available: memory)\n");
            assertThat(probeLock(data)).as("the lock is released with the ledgers").isEqualTo("acquired");
            HttpResponse<String> unhealthy = healthz(peer);
            assertThat(unhealthy.statusCode()).isEqualTo(503);
            assertThat(unhealthy.body()).contains("\"component\":\"ledger\"")
                    .contains("storage backend [leveldb] is not available");

            configureBackend(peer.context(), "memory");
            assertThat(awaitLedgers(shell, "mychannel", "memory")).matches(row("mychannel", 5, 5, 5, "memory"));
            assertThat(awaitHealthy(peer)).isEqualTo(200);
            assertThat(probeLock(data)).isEqualTo(LedgerLock.IN_USE);

            shell.run("start " + leveldb.getBundleId());
            configureBackend(peer.context(), "leveldb");
            assertThat(awaitLedgers(shell, "mychannel", "leveldb")).matches(row("mychannel", 5, 5, 5, "leveldb"));
            assertThat(awaitHealthy(peer)).isEqualTo(200);
        }

        assertThat(probeLock(data)).isEqualTo("acquired");
        try (LedgerProvider ledgers = LedgerProvider.open(layout, new LevelDbStorageComponent(), LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.open("mychannel");
            assertThat(ledger.height()).isEqualTo(5);
            assertThat(ledger.stateHeight()).isEqualTo(5);
            assertThat(state(ledger, "counter")).isEqualTo("4");
            assertThat(state(ledger, "k3")).isEqualTo("v3");
        }
    }

    /** mychannel from Fabric's genesis block and {@code blocks} blocks of endorser transactions, on LevelDB. */
    private static void createLedger(LedgerLayout layout, int blocks) throws Exception {
        Block genesis = Block.parseFrom(Files.readAllBytes(Vectors.HOME.resolve("mychannel.block")));
        try (LedgerProvider ledgers = LedgerProvider.open(layout, new LevelDbStorageComponent(), LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.create(genesis);
            for (Block b : EndorserBlocks.after(genesis, blocks)) {
                ledger.commit(BlockAndPvtData.of(b));
            }
        }
    }

    private static String state(KvLedger ledger, String key) {
        QueryExecutor q = ledger.newQueryExecutor("check");
        try {
            return q.getState("cc", key).toStringUtf8();
        } finally {
            q.done();
        }
    }

    private static Pattern row(String channel, long height, long state, long history, String backend) {
        return Pattern.compile("(?s)CHANNEL +HEIGHT +STATE HEIGHT +HISTORY HEIGHT +BACKEND\n" + channel + " +" + height
                + " +" + state + " +" + history + " +" + backend + "\n");
    }

    /** {@code weft:ledgers} once it lists {@code channel} on {@code backend}: DS rebinds asynchronously. */
    private static String awaitLedgers(GogoShell shell, String channel, String backend) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        Pattern listed = Pattern.compile("(?m)^" + channel + " .* " + backend + "$");
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = shell.run("weft:ledgers");
            if (listed.matcher(last).find()) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("weft:ledgers never listed " + channel + " on " + backend + "; last:\n" + last);
    }

    private static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** Points the ledger PID at another backend through ConfigAdmin, as an operator's tooling would. */
    private static void configureBackend(BundleContext context, String backend) throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
        assertThat(refs).as("ConfigurationAdmin").isNotNull();
        Object admin = context.getService(refs[0]);
        ClassLoader cm = refs[0].getBundle().adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader();
        Class<?> adminType = cm.loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Class<?> configurationType = cm.loadClass("org.osgi.service.cm.Configuration");
        Object configuration = adminType.getMethod("getConfiguration", String.class, String.class)
                .invoke(admin, LEDGER_PID, "?");
        @SuppressWarnings("unchecked")
        Dictionary<String, Object> props = (Dictionary<String, Object>) configurationType.getMethod("getProperties")
                .invoke(configuration);
        props.put("backend", backend);
        props.put("storage.target", "(weft.storage.name=" + backend + ")");
        configurationType.getMethod("update", Dictionary.class).invoke(configuration, props);
    }

    /** The health check follows service events asynchronously; polls until healthy or 10 s, returns the last status. */
    private static int awaitHealthy(InProcessPeer peer) throws IOException, InterruptedException {
        HttpResponse<String> r = healthz(peer);
        for (int i = 0; i < 100 && r.statusCode() != 200; i++) {
            Thread.sleep(100);
            r = healthz(peer);
        }
        return r.statusCode();
    }

    private static HttpResponse<String> healthz(InProcessPeer peer) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + peer.operationsPort + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs {@link LedgerLockProbe} in a second JVM; what it printed. */
    private static String probeLock(Path fileSystemPath) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LedgerLockProbe.class.getName(), fileSystemPath.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("lock probe finished").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
