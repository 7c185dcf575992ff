package io.weft.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import com.google.protobuf.ByteString;

import io.weft.core.committer.BlockCommitter;
import io.weft.core.committer.ChannelResources;
import io.weft.core.committer.CommittedBlock;
import io.weft.core.committer.CommitterFixtures;
import io.weft.core.committer.TestPluginSource;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerFiles;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.testing.TestStores;
import io.weft.msp.Identity;
import io.weft.protoutil.BlockHashes;

/**
 * Validate+commit throughput of the peer's {@link BlockCommitter} (real DefaultValidation, leveldb by default) on
 * pre-built blocks of 500 endorser transactions with one write each, endorsed by 1 or 2 peers, against the machine's
 * own signature ceiling measured first in the same process: one thread verifying a P-256 signature through
 * {@link Identity#verify} of the deserialized peer0.org1 identity, the call the committer makes per signature.
 * Prints one JSON line. The orderer's block signature (one per 500 transactions) is left out of {@code sigsPerTx}.
 * The ceiling is measured after the warm-up, right before the timed commits; besides the wall-clock rate the issue
 * asks for it reports the rate per CPU-second of the verifying thread, which neighbours on a shared machine do not
 * skew. {@code -Dbench.warmupRounds=N} (default 4) whole passes over the chain on throwaway ledgers warm the JIT;
 * {@code -Dbench.threads=true} prints CPU per transaction by thread (Java and native) to stderr.
 * Usage: {@code java -cp target/benchmarks.jar io.weft.bench.CommitterBench [blocks] [endorsements] [backend]}.
 */
public final class CommitterBench {

    private static final int TXS = 500;
    private static final int WARMUP_BLOCKS = 10;
    /** Whole passes over the pre-built chain on throwaway ledgers before the measured ledger. */
    private static final int WARMUP_ROUNDS = 4;
    private static final String CC = "benchcc";

    private CommitterBench() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int endorsements = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String backend = args.length > 2 ? args[2] : "leveldb";
        if (endorsements != 1 && endorsements != 2) {
            throw new IllegalArgumentException("endorsements must be 1 or 2");
        }
        CommitterFixtures fx = CommitterFixtures.get();
        Path dir = Files.createTempDirectory("weft-committer-bench");
        try {
            run(fx, blocks, endorsements, backend, dir);
        } finally {
            LedgerFiles.deleteTree(dir);
        }
    }

    /** One thread's verify rate: per second of wall time and per second of the thread's CPU time. */
    private record Ceiling(double perWallSecond, double perCpuSecond, double allCoresPerWallSecond) {
    }

    /** Signatures verified per second by one thread, after ~3 s of warm-up, over ~5 s. */
    private static Ceiling verifyCeiling(CommitterFixtures fx) throws Exception {
        Identity peer = fx.config.deserializer().deserializeIdentity(fx.peer1.serialize());
        peer.validate();
        // a message the size of what the committer verifies: an endorsed transaction's payload
        byte[] message = Payload.parseFrom(fx.tx().chaincode(CC).results(results(0, 0)).endorsedBy(fx.peer1).build()
                .getPayload()).toByteArray();
        byte[] signature = fx.peer1.sign(message);
        peer.verify(message, signature); // throws when the path is broken
        verifyFor(peer, message, signature, 3_000_000_000L);
        Ceiling one = verifyFor(peer, message, signature, 5_000_000_000L);
        // for the report only: whether cores threads really verify cores times as fast as one
        int cores = Runtime.getRuntime().availableProcessors();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(cores);
        try {
            List<java.util.concurrent.Future<Ceiling>> all = new ArrayList<>();
            for (int i = 0; i < cores; i++) {
                all.add(pool.submit(() -> verifyFor(peer, message, signature, 3_000_000_000L)));
            }
            double sum = 0;
            for (java.util.concurrent.Future<Ceiling> f : all) {
                sum += f.get().perWallSecond();
            }
            return new Ceiling(one.perWallSecond(), one.perCpuSecond(), sum);
        } finally {
            pool.shutdown();
        }
    }

    private static Ceiling verifyFor(Identity peer, byte[] message, byte[] signature, long nanos) throws Exception {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + nanos;
        long n = 0;
        long now;
        do {
            for (int i = 0; i < 50; i++) {
                peer.verify(message, signature);
            }
            n += 50;
            now = System.nanoTime();
        } while (now < end);
        return new Ceiling(n / ((now - start) / 1e9), n / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9), 0);
    }

    private static void run(CommitterFixtures fx, int blockCount, int endorsements, String backend, Path dir)
            throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        String policy = endorsements == 1 ? "OR('Org1MSP.peer','Org2MSP.peer')" : "AND('Org1MSP.peer','Org2MSP.peer')";
        Envelope define = fx.defineChaincode(CC, CommitterFixtures.signaturePolicy(policy),
                CollectionConfigPackage.getDefaultInstance());
        Block first = CommitterFixtures.block(1, BlockHashes.headerHash(fx.genesis.getHeader()), fx.orderer,
                define.toByteString());

        // pre-built, not timed: warm-up blocks then measured blocks, chained on block 1
        List<Block> chain = new ArrayList<>(WARMUP_BLOCKS + blockCount);
        byte[] previousHash = BlockHashes.headerHash(first.getHeader());
        for (int n = 0; n < WARMUP_BLOCKS + blockCount; n++) {
            long number = 2 + n;
            ByteString[] data = IntStream.range(0, TXS).parallel()
                    .mapToObj(t -> endorsedTx(fx, endorsements, number, t).toByteString())
                    .toArray(ByteString[]::new);
            Block b = CommitterFixtures.block(number, previousHash, fx.orderer, data);
            previousHash = BlockHashes.headerHash(b.getHeader());
            chain.add(b);
        }

        // warm-up (not timed) until the JIT has settled: the same chain on throwaway ledgers, then on the measured one
        int rounds = Integer.getInteger("bench.warmupRounds", WARMUP_ROUNDS);
        for (int r = 0; r < rounds; r++) {
            Path warmDir = Files.createDirectories(dir.resolve("warmup-" + r));
            try (LedgerProvider ledgers = LedgerProvider.open(new LedgerLayout(warmDir), TestStores.provider(backend),
                    LedgerConfig.defaults())) {
                KvLedger ledger = ledgers.create(fx.genesis);
                try (BlockCommitter committer = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp),
                        ledger, new TestPluginSource(), cores)) {
                    requireAllValid(committer.commit(first));
                    for (Block b : chain) {
                        requireAllValid(committer.commit(b));
                    }
                }
            } finally {
                LedgerFiles.deleteTree(warmDir);
            }
        }

        // the ceiling, measured next to the timed commits so that both see the same neighbours on a shared machine
        Ceiling verify = verifyCeiling(fx);

        Path measured = Files.createDirectories(dir.resolve("measured"));
        try (LedgerProvider ledgers = LedgerProvider.open(new LedgerLayout(measured), TestStores.provider(backend),
                LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.create(fx.genesis);
            try (BlockCommitter committer = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger,
                    new TestPluginSource(), cores)) {
                requireAllValid(committer.commit(first));
                for (int i = 0; i < WARMUP_BLOCKS; i++) {
                    requireAllValid(committer.commit(chain.get(i)));
                }

                com.sun.management.OperatingSystemMXBean os =
                        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long[] nanos = new long[blockCount];
                long valid = 0;
                java.util.Map<String, Long> threadsStart = threadCpu();
                long cpuStart = os.getProcessCpuTime();
                long start = System.nanoTime();
                for (int i = 0; i < blockCount; i++) {
                    long t0 = System.nanoTime();
                    CommittedBlock c = committer.commit(chain.get(WARMUP_BLOCKS + i));
                    nanos[i] = System.nanoTime() - t0;
                    valid += requireAllValid(c);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
                java.util.Map<String, Long> threadsEnd = threadCpu();
                threadsStart.forEach((k, v) -> threadsEnd.merge(k, -v, Long::sum));
                threadsEnd.forEach((k, v) -> {
                    if (k.startsWith("thread:")) {
                        System.err.printf(Locale.ROOT, "%8.1f us/tx %s%n", v / 1e3 / (blockCount * (double) TXS), k);
                    }
                });
                Arrays.sort(nanos);

                double committed = valid / seconds;
                int sigsPerTx = 1 + endorsements;
                double verifyPerSec = verify.perWallSecond();
                double ceiling = verifyPerSec * cores / sigsPerTx;
                double ceilingCpu = verify.perCpuSecond() * cores / sigsPerTx;
                double cpuUsPerTx = cpuSeconds * 1e6 / valid;
                System.out.printf(Locale.ROOT, "{\"endorsements\":%d,\"blocks\":%d,\"txPerBlock\":%d,"
                        + "\"committedTxPerSec\":%.0f,\"cpuUsPerTx\":%.1f,\"verifyPerSecPerCore\":%.0f,\"cores\":%d,"
                        + "\"sigsPerTx\":%d,\"ceilingTxPerSec\":%.0f,\"ratio\":%.3f,\"target\":0.6,"
                        + "\"backend\":\"%s\",\"p50BlockMs\":%.1f,\"p99BlockMs\":%.1f,\"cpuUtilisation\":%.2f,"
                        + "\"cpuUsPerTxValidators\":%.1f,\"cpuUsPerTxCommitThread\":%.1f,\"cpuUsPerTxOtherThreads\":%.1f,"
                        + "\"verifyPerCpuSec\":%.0f,\"ceilingCpuTxPerSec\":%.0f,\"ratioVsCpuCeiling\":%.3f,"
                        + "\"cpuBoundRatio\":%.3f,\"verifyPerSecAllCores\":%.0f}%n",
                        endorsements, blockCount, TXS, committed, cpuUsPerTx, verifyPerSec, cores,
                        sigsPerTx, ceiling, committed / ceiling, backend, nanos[blockCount / 2] / 1e6,
                        nanos[Math.min(blockCount - 1, (int) Math.ceil(blockCount * 0.99) - 1)] / 1e6,
                        cpuSeconds / seconds, threadsEnd.getOrDefault("validators", 0L) / 1e3 / valid,
                        threadsEnd.getOrDefault("commit", 0L) / 1e3 / valid,
                        (cpuSeconds * 1e9 - threadsEnd.getOrDefault("validators", 0L)
                                - threadsEnd.getOrDefault("commit", 0L)) / 1e3 / valid,
                        verify.perCpuSecond(), ceilingCpu, committed / ceilingCpu,
                        cores * 1e6 / cpuUsPerTx / ceilingCpu, verify.allCoresPerWallSecond());
            }
        }
    }

    /** CPU nanoseconds so far of the validator pool's threads and of this (the committing) thread. */
    private static java.util.Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("weft-validator-")) {
                cpu.merge("validators", Math.max(0, threads.getThreadCpuTime(t.getThreadId())), Long::sum);
            }
        }
        cpu.put("commit", threads.getCurrentThreadCpuTime());
        if (Boolean.getBoolean("bench.threads")) {
            // native threads too (GC, JIT, storage): /proc ticks of 10 ms
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String comm = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                        String[] f = Files.readString(task.resolve("stat")).replaceAll("^.*\\) ", "").split(" ");
                        cpu.merge("thread:os:" + comm, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L,
                                Long::sum);
                    } catch (java.io.IOException | RuntimeException gone) {
                        // the thread ended
                    }
                }
            } catch (java.io.IOException e) {
                // no procfs
            }
            for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (t != null) {
                    cpu.merge("thread:" + t.getThreadName().replaceAll("[0-9]+", "#"),
                            Math.max(0, threads.getThreadCpuTime(t.getThreadId())), Long::sum);
                }
            }
        }
        return cpu;
    }

    private static Envelope endorsedTx(CommitterFixtures fx, int endorsements, long block, int tx) {
        return fx.tx().chaincode(CC).results(results(block, tx))
                .endorsedBy(endorsements == 1 ? new io.weft.msp.MspSigningIdentity[] {fx.peer1}
                        : new io.weft.msp.MspSigningIdentity[] {fx.peer1, fx.peer2})
                .build();
    }

    /** One write of a distinct key with a ~30-byte value. */
    private static org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet results(long block, int tx) {
        String value = String.format(Locale.ROOT, "value-%08d-%06d-0123456789", block, tx);
        return CommitterFixtures.rwset(CC, KVRWSet.newBuilder().addWrites(KVWrite.newBuilder()
                .setKey("key-" + block + "-" + tx).setValue(ByteString.copyFromUtf8(value))).build());
    }

    private static long requireAllValid(CommittedBlock c) {
        long valid = 0;
        for (TxValidationCode code : c.codes()) {
            if (code != TxValidationCode.VALID) {
                throw new IllegalStateException("block " + c.number() + ": a transaction is " + code);
            }
            valid++;
        }
        return valid;
    }
}
