package io.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.MspSigningIdentity;
import io.weft.msp.Msps;
import io.weft.protoutil.Proposals;

/**
 * Load generator. Endorse mode: N signed proposals (signed before the clock starts), C in flight, against any
 * Fabric-compatible peer's Endorser service. Prints one JSON line: tx/s, latency percentiles, failures, and the CPU
 * milliseconds per transaction of this process and of any process named with {@code --pid name=pid} (from /proc).
 * E2e mode ({@code --mode e2e --orderer host:port [--orderer-tls-ca ca.pem]}): each transaction endorsed, sent to the
 * orderer and awaited on the peer's DeliverFiltered ({@link EndToEnd}); C endorsements in flight and at most
 * {@code --window W} (1000) transactions submitted and not yet committed; prints committed tx/s, latency to commit and
 * a count per validation code.
 *
 * <pre>
 * java -cp benchmarks.jar io.weft.bench.LoadGen --peer 127.0.0.1:7051 --msp &lt;msp dir&gt; --mspid Org1MSP \
 *     --channel mychannel --chaincode qscc --args GetChainInfo,mychannel --n 20000 --c 16 [--tls-ca ca.pem]
 *     [--pid peer=1234]
 * </pre>
 */
public final class LoadGen {

    private LoadGen() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, List<String>> a = parse(argv);
        String[] hostPort = one(a, "peer", "127.0.0.1:7051").split(":");
        String channelId = one(a, "channel", "");
        String chaincode = one(a, "chaincode", "qscc");
        List<ByteString> args = new ArrayList<>();
        for (String s : one(a, "args", "GetChainInfo," + channelId).split(",")) {
            args.add(ByteString.copyFromUtf8(s));
        }
        int n = Integer.parseInt(one(a, "n", "10000"));
        int c = Integer.parseInt(one(a, "c", "16"));
        int warmup = Integer.parseInt(one(a, "warmup", String.valueOf(Math.min(n, 2000))));
        MspSigningIdentity signer = Msps.loadLocal(LocalMspSettings.of(Path.of(one(a, "msp", "")), one(a, "mspid", "")))
                .signingIdentity();

        ManagedChannel channel = channel(one(a, "peer", "127.0.0.1:7051"), one(a, "tls-ca", ""),
                one(a, "tls-name", hostPort[0]));
        EndorserGrpc.EndorserFutureStub stub = EndorserGrpc.newFutureStub(channel);
        if ("e2e".equals(one(a, "mode", "endorse"))) {
            String ordererAddress = one(a, "orderer", "127.0.0.1:7050");
            ManagedChannel orderer = channel(ordererAddress, one(a, "orderer-tls-ca", ""),
                    one(a, "orderer-tls-name", ordererAddress.split(":")[0]));
            try {
                EndToEnd e2e = new EndToEnd(channel, orderer, signer, channelId);
                int window = Integer.parseInt(one(a, "window", "1000"));
                e2e.run(sign(warmup, channelId, chaincode, signer, args), c, window);
                List<SignedProposal> proposals = sign(n, channelId, chaincode, signer, args);
                Map<String, Long> pids = pids(a.getOrDefault("pid", List.of()));
                Map<String, Long> cpuBefore = cpuNanos(pids);
                EndToEnd.Result r = e2e.run(proposals, c, window);
                Map<String, Long> cpuAfter = cpuNanos(pids);
                System.out.println(e2eJson(chaincode, args.get(0).toStringUtf8(), n, c, window, r, cpuBefore, cpuAfter));
            } finally {
                orderer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            return;
        }
        try {
            run(stub, sign(warmup, channelId, chaincode, signer, args), c, channelId); // JIT, connections
            List<SignedProposal> proposals = sign(n, channelId, chaincode, signer, args);
            Map<String, Long> pids = pids(a.getOrDefault("pid", List.of()));
            Map<String, Long> cpuBefore = cpuNanos(pids);
            long start = System.nanoTime();
            Result r = run(stub, proposals, c, channelId);
            long wall = System.nanoTime() - start;
            Map<String, Long> cpuAfter = cpuNanos(pids);
            System.out.println(json(chaincode, args.get(0).toStringUtf8(), n, c, r, wall, cpuBefore, cpuAfter));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private record Result(long[] latencies, int ok, int failed, String firstFailure) {
    }

    private static ManagedChannel channel(String address, String ca, String tlsName) throws IOException {
        String[] hostPort = address.split(":");
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]))
                .maxInboundMessageSize(100 << 20);
        if (ca.isEmpty()) {
            builder.usePlaintext();
        } else {
            builder.sslContext(GrpcSslContexts.forClient().trustManager(Path.of(ca).toFile()).build())
                    .overrideAuthority(tlsName);
        }
        return builder.build();
    }

    /** One JSON line for an e2e run: committed tx/s, latency to commit, a count per validation code, CPU per tx. */
    private static String e2eJson(String chaincode, String function, int n, int c, int window, EndToEnd.Result r,
            Map<String, Long> before, Map<String, Long> after) {
        long[] sorted = r.latencies().clone();
        Arrays.sort(sorted);
        StringBuilder b = new StringBuilder("{\"mode\":\"e2e\",\"chaincode\":\"").append(chaincode)
                .append("\",\"function\":\"").append(function).append("\",\"n\":").append(n).append(",\"c\":")
                .append(c).append(",\"window\":").append(window).append(",\"committed\":").append(r.committed()).append(",\"failed\":").append(r.failed())
                .append(",\"committedTxPerSec\":").append(Math.round(r.committed() / (r.wallNanos() / 1e9)))
                .append(",\"p50Ms\":").append(ms(sorted, 0.50)).append(",\"p90Ms\":").append(ms(sorted, 0.90))
                .append(",\"p99Ms\":").append(ms(sorted, 0.99)).append(",\"codes\":{");
        b.append(String.join(",", r.codes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue()).toList()));
        b.append("},\"cpuMsPerTx\":{");
        b.append(String.join(",", before.keySet().stream().map(name -> "\"" + name + "\":" + String.format(
                java.util.Locale.ROOT, "%.3f", (after.get(name) - before.get(name)) / 1e6 / Math.max(1, r.committed())))
                .toList()));
        b.append('}');
        if (r.firstFailure() != null) {
            b.append(",\"firstFailure\":\"").append(r.firstFailure().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return b.append('}').toString();
    }

    private static List<SignedProposal> sign(int n, String channelId, String chaincode, MspSigningIdentity signer,
            List<ByteString> args) {
        List<SignedProposal> out = new ArrayList<>(n);
        ByteString[] a = args.toArray(ByteString[]::new);
        for (int i = 0; i < n; i++) {
            out.add(Proposals.signed(HeaderType.ENDORSER_TRANSACTION_VALUE, channelId, chaincode, signer, a));
        }
        return out;
    }

    /** Sends every proposal, at most {@code c} in flight; success is status 200 (and an endorsement on a channel). */
    private static Result run(EndorserGrpc.EndorserFutureStub stub, List<SignedProposal> proposals, int c,
            String channelId) throws InterruptedException {
        Semaphore inFlight = new Semaphore(c);
        CountDownLatch done = new CountDownLatch(proposals.size());
        long[] latencies = new long[proposals.size()];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        String[] firstFailure = new String[1];
        for (int i = 0; i < proposals.size(); i++) {
            inFlight.acquire();
            int index = i;
            long sent = System.nanoTime();
            ListenableFuture<ProposalResponse> f = stub.processProposal(proposals.get(i));
            Futures.addCallback(f, new FutureCallback<>() {
                @Override
                public void onSuccess(ProposalResponse r) {
                    latencies[index] = System.nanoTime() - sent;
                    boolean good = r.getResponse().getStatus() == 200 && (channelId.isEmpty() || r.hasEndorsement());
                    if (good) {
                        ok.incrementAndGet();
                    } else {
                        fail(r.getResponse().getStatus() + " " + r.getResponse().getMessage());
                    }
                    finish();
                }

                @Override
                public void onFailure(Throwable t) {
                    latencies[index] = System.nanoTime() - sent;
                    fail(t.toString());
                    finish();
                }

                private void fail(String why) {
                    if (failed.getAndIncrement() == 0) {
                        firstFailure[0] = why;
                    }
                }

                private void finish() {
                    inFlight.release();
                    done.countDown();
                }
            }, MoreExecutors.directExecutor());
        }
        done.await();
        return new Result(latencies, ok.get(), failed.get(), firstFailure[0]);
    }

    private static String json(String chaincode, String function, int n, int c, Result r, long wallNanos,
            Map<String, Long> before, Map<String, Long> after) {
        long[] sorted = r.latencies.clone();
        Arrays.sort(sorted);
        StringBuilder b = new StringBuilder("{\"mode\":\"endorse\",\"chaincode\":\"").append(chaincode)
                .append("\",\"function\":\"").append(function).append("\",\"n\":").append(n).append(",\"c\":").append(c)
                .append(",\"ok\":").append(r.ok)
                .append(",\"failed\":").append(r.failed)
                .append(",\"txPerSec\":").append(Math.round(n / (wallNanos / 1e9)))
                .append(",\"p50Ms\":").append(ms(sorted, 0.50)).append(",\"p90Ms\":").append(ms(sorted, 0.90))
                .append(",\"p99Ms\":").append(ms(sorted, 0.99)).append(",\"cpuMsPerTx\":{");
        boolean first = true;
        for (String name : before.keySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append('"').append(name).append("\":")
                    .append(String.format(java.util.Locale.ROOT, "%.3f", (after.get(name) - before.get(name)) / 1e6 / n));
        }
        b.append('}');
        if (r.firstFailure != null) {
            b.append(",\"firstFailure\":\"").append(r.firstFailure.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append('}').toString();
    }

    private static String ms(long[] sorted, double q) {
        long v = sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        return String.format(java.util.Locale.ROOT, "%.2f", v / 1e6);
    }

    /** {@code name=pid} pairs; this process is always measured as {@code generator}. */
    private static Map<String, Long> pids(List<String> specs) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("generator", ProcessHandle.current().pid());
        for (String s : specs) {
            String[] kv = s.split("=", 2);
            out.put(kv[0], Long.parseLong(kv[1]));
        }
        return out;
    }

    /** utime + stime of each process from /proc/&lt;pid&gt;/stat, in nanoseconds (clock ticks of 10 ms). */
    private static Map<String, Long> cpuNanos(Map<String, Long> pids) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            if (e.getValue() == ProcessHandle.current().pid()) {
                out.put(e.getKey(), ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime());
                continue;
            }
            String stat = Files.readString(Path.of("/proc/" + e.getValue() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat
            out.put(e.getKey(), ticks * 10_000_000L);
        }
        return out;
    }

    private static Map<String, List<String>> parse(String[] argv) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --flag value pairs, got " + argv[i]);
            }
            out.computeIfAbsent(argv[i].substring(2), k -> new ArrayList<>()).add(argv[i + 1]);
        }
        return out;
    }

    private static String one(Map<String, List<String>> a, String key, String defaultValue) {
        List<String> v = a.get(key);
        return v == null || v.isEmpty() ? defaultValue : v.get(v.size() - 1);
    }
}
