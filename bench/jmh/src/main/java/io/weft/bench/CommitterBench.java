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
 * Usage: {@code java -cp target/benchmarks.jar io.weft.bench.CommitterBench [blocks] [endorsements] [backend]}.
 */
public final class CommitterBench {

    private static final int TXS = 500;
    private static final int WARMUP_BLOCKS = 10;
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
        double verifyPerSec = verifyCeiling(fx);
        Path dir = Files.createTempDirectory("weft-committer-bench");
        try {
            run(fx, blocks, endorsements, backend, dir, verifyPerSec);
        } finally {
            LedgerFiles.deleteTree(dir);
        }
    }

    /** Signatures verified per second by one thread, after ~3 s of warm-up, over ~5 s. */
    private static double verifyCeiling(CommitterFixtures fx) throws Exception {
        Identity peer = fx.config.deserializer().deserializeIdentity(fx.peer1.serialize());
        peer.validate();
        // a message the size of what the committer verifies: an endorsed transaction's payload
        byte[] message = Payload.parseFrom(fx.tx().chaincode(CC).results(results(0, 0)).endorsedBy(fx.peer1).build()
                .getPayload()).toByteArray();
        byte[] signature = fx.peer1.sign(message);
        peer.verify(message, signature); // throws when the path is broken
        verifyFor(peer, message, signature, 3_000_000_000L);
        return verifyFor(peer, message, signature, 5_000_000_000L);
    }

    private static double verifyFor(Identity peer, byte[] message, byte[] signature, long nanos) throws Exception {
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
        return n / ((now - start) / 1e9);
    }

    private static void run(CommitterFixtures fx, int blockCount, int endorsements, String backend, Path dir,
            double verifyPerSec) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        String policy = endorsements == 1 ? "OR('Org1MSP.peer','Org2MSP.peer')" : "AND('Org1MSP.peer','Org2MSP.peer')";
        try (LedgerProvider ledgers = LedgerProvider.open(new LedgerLayout(dir), TestStores.provider(backend),
                LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.create(fx.genesis);
            try (BlockCommitter committer = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger,
                    new TestPluginSource(), cores)) {
                Envelope define = fx.defineChaincode(CC, CommitterFixtures.signaturePolicy(policy),
                        CollectionConfigPackage.getDefaultInstance());
                Block first = CommitterFixtures.block(ledger.height(), ledger.info().getCurrentBlockHash().toByteArray(),
                        fx.orderer, define.toByteString());
                requireAllValid(committer.commit(first));

                // pre-built, not timed: warm-up blocks then measured blocks, chained on block 1
                List<Block> chain = new ArrayList<>(WARMUP_BLOCKS + blockCount);
                byte[] previousHash = BlockHashes.headerHash(first.getHeader());
                for (int n = 0; n < WARMUP_BLOCKS + blockCount; n++) {
                    long number = first.getHeader().getNumber() + 1 + n;
                    ByteString[] data = IntStream.range(0, TXS).parallel()
                            .mapToObj(t -> endorsedTx(fx, endorsements, number, t).toByteString())
                            .toArray(ByteString[]::new);
                    Block b = CommitterFixtures.block(number, previousHash, fx.orderer, data);
                    previousHash = BlockHashes.headerHash(b.getHeader());
                    chain.add(b);
                }
                for (int i = 0; i < WARMUP_BLOCKS; i++) {
                    requireAllValid(committer.commit(chain.get(i)));
                }

                com.sun.management.OperatingSystemMXBean os =
                        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long[] nanos = new long[blockCount];
                long valid = 0;
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
                Arrays.sort(nanos);

                double committed = valid / seconds;
                int sigsPerTx = 1 + endorsements;
                double ceiling = verifyPerSec * cores / sigsPerTx;
                System.out.printf(Locale.ROOT, "{\"endorsements\":%d,\"blocks\":%d,\"txPerBlock\":%d,"
                        + "\"committedTxPerSec\":%.0f,\"cpuUsPerTx\":%.1f,\"verifyPerSecPerCore\":%.0f,\"cores\":%d,"
                        + "\"sigsPerTx\":%d,\"ceilingTxPerSec\":%.0f,\"ratio\":%.3f,\"target\":0.6,"
                        + "\"backend\":\"%s\",\"p50BlockMs\":%.1f,\"p99BlockMs\":%.1f,\"cpuUtilisation\":%.2f}%n",
                        endorsements, blockCount, TXS, committed, cpuSeconds * 1e6 / valid, verifyPerSec, cores,
                        sigsPerTx, ceiling, committed / ceiling, backend, nanos[blockCount / 2] / 1e6,
                        nanos[Math.min(blockCount - 1, (int) Math.ceil(blockCount * 0.99) - 1)] / 1e6,
                        cpuSeconds / seconds);
            }
        }
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
