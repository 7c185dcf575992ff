package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.weft.api.storage.StorageProvider;
import io.weft.ledger.testing.TestStores;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.testing.FabricVectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM commits blocks in a loop and is killed with SIGKILL at a random moment, again and
 * again; after every kill the ledger opens, its block store, state and history agree, the state
 * is what replaying the blocks gives, and no block the child reported committed is missing.
 */
class CrashRecoveryTest {

    private static final int KILLS = 50;

    @TempDir
    Path tmp;

    @Test
    void survivesSigkillAtAnyMoment() throws Exception {
        Random random = new Random(Long.getLong("weft.crash.seed", System.nanoTime()));
        long acknowledged = 0;
        int unacknowledgedBlocksKept = 0;
        for (int round = 0; round < KILLS; round++) {
            acknowledged = Math.max(acknowledged, runAndKill(random));
            try (LedgerProvider ledgers = LedgerProvider.open(new LedgerLayout(tmp),
                    TestStores.provider(StorageProvider.LEVELDB), LedgerConfig.defaults())) {
                KvLedger ledger = ledgers.open("mychannel");
                long height = ledger.height();
                assertThat(height - 1).as("round %d: last block vs acknowledged", round).isGreaterThanOrEqualTo(acknowledged);
                assertThat(ledger.stateHeight()).isEqualTo(height);
                assertThat(ledger.historyHeight()).contains(height);
                assertStateIsReplayOf(ledger, height);
                if (height - 1 > acknowledged) {
                    unacknowledgedBlocksKept++; // killed between the block's append and its acknowledgement
                }
                acknowledged = height - 1;
            }
        }
        assertThat(acknowledged).isGreaterThan(KILLS);
        System.out.printf("%d kills, %d blocks committed, %d kills landed inside a commit after the block append%n",
                KILLS, acknowledged, unacknowledgedBlocksKept);
    }

    /** Starts the committer, kills it a random while after its first commit; the last block it acknowledged. */
    private long runAndKill(Random random) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                CrashingCommitter.class.getName(), tmp.toString(), FabricVectors.file("mychannel.block").toString(),
                StorageProvider.LEVELDB).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = pb.start();
        long last = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the committer's first commit").startsWith("committed ");
            last = Long.parseLong(line.substring(10));
            Thread.sleep(random.nextInt(150));
            // SIGKILL (no shutdown hooks, no flushing); the handle, unlike Process, leaves stdout readable
            child.toHandle().destroyForcibly();
            for (line = out.readLine(); line != null; line = out.readLine()) {
                last = Long.parseLong(line.substring(10)); // printed before the kill landed
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return last;
    }

    private static void assertStateIsReplayOf(KvLedger ledger, long height) {
        Map<String, String> expected = new HashMap<>();
        for (long n = 1; n < height; n++) {
            for (int j = 0; j < CrashingCommitter.TXS_PER_BLOCK; j++) {
                expected.put("k" + ((7 * n + j) % 97), "b" + n + "t" + j);
            }
            expected.put("last", String.valueOf(n));
        }
        QueryExecutor q = ledger.newQueryExecutor("check");
        try {
            for (int k = 0; k < 97; k++) {
                var v = q.getState("cc", "k" + k);
                assertThat(v == null ? null : v.toStringUtf8()).as("k%d at height %d", k, height)
                        .isEqualTo(expected.get("k" + k));
            }
            var last = q.getState("cc", "last");
            assertThat(last == null ? null : last.toStringUtf8()).isEqualTo(expected.get("last"));
        } finally {
            q.done();
        }
    }
}
