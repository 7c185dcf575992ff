package io.weft.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.weft.ledger.BlockAndPvtData;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerFiles;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.testing.TestStores;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.ledger.txmgr.TestTransactions;
import io.weft.testing.FabricVectors;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * Ledger commit throughput: blocks of 500 endorser transactions with one write each, committed
 * with Fabric's order and syncs (block file and index synced per block, state and history in one
 * batch each), then random state reads. Prints writes/s, block latency percentiles and gets/s.
 * Usage: {@code java -cp target/benchmarks.jar io.weft.bench.LedgerCommitBench [blocks] [backend] [dir]}.
 */
public final class LedgerCommitBench {

    private static final int TXS = 500;

    private LedgerCommitBench() {
    }

    public static void main(String[] args) throws Exception {
        int blockCount = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String backend = args.length > 1 ? args[1] : "leveldb";
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("weft-ledger-bench");
        try {
            run(blockCount, backend, dir);
        } finally {
            LedgerFiles.deleteTree(dir);
        }
    }

    private static void run(int blockCount, String backend, Path dir) throws Exception {
        Block genesis = Block.parseFrom(FabricVectors.bytes("mychannel.block"));
        List<Block> blocks = new ArrayList<>(blockCount);
        Block previous = genesis;
        byte[] valid = new byte[TXS];
        for (int n = 1; n <= blockCount; n++) {
            List<Envelope> txs = new ArrayList<>(TXS);
            for (int t = 0; t < TXS; t++) {
                txs.add(TestTransactions.endorserTx("b" + n + "t" + t, n,
                        TestTransactions.writes("cc", key(n, t), "value-" + n + "-" + t)));
            }
            previous = TestTransactions.block(previous, txs, valid);
            blocks.add(previous);
        }
        try (LedgerProvider ledgers = LedgerProvider.open(new LedgerLayout(dir), TestStores.provider(backend),
                LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.create(genesis);
            long[] nanos = new long[blockCount];
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < blockCount; i++) {
                long t0 = System.nanoTime();
                ledger.commit(BlockAndPvtData.of(blocks.get(i)));
                nanos[i] = System.nanoTime() - t0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "backend=%s blocks=%d txs/block=%d: %.0f writes/s committed (%.1f blocks/s); "
                    + "block commit p50 %.1f ms, p99 %.1f ms, max %.1f ms; CPU %.1f us per write (%.0f%% of one core)%n",
                    backend, blockCount, TXS,
                    blockCount * (double) TXS / seconds, blockCount / seconds, nanos[blockCount / 2] / 1e6,
                    nanos[(int) (blockCount * 0.99)] / 1e6, nanos[blockCount - 1] / 1e6,
                    cpuSeconds * 1e6 / (blockCount * (double) TXS), 100 * cpuSeconds / seconds);
            readBack(ledger, blockCount);
        }
    }

    private static void readBack(KvLedger ledger, int blockCount) {
        SplittableRandom random = new SplittableRandom(42);
        int gets = 200_000;
        QueryExecutor q = ledger.newQueryExecutor("bench");
        try {
            long start = System.nanoTime();
            for (int i = 0; i < gets; i++) {
                int n = 1 + random.nextInt(blockCount);
                if (q.getState("cc", key(n, random.nextInt(TXS))) == null) {
                    throw new IllegalStateException("missing key");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "state gets: %.0f gets/s (random keys of %d)%n", gets / seconds,
                    blockCount * TXS);
        } finally {
            q.done();
        }
    }

    private static String key(int block, int tx) {
        return "key-" + block + "-" + tx;
    }
}
