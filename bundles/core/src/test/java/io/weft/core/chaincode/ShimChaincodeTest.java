package io.weft.core.chaincode;

import static io.weft.core.chaincode.ChaincodeSupportTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.channelconfig.ChannelConfig;
import io.weft.core.committer.ChaincodeLedgerFixture;
import io.weft.ledger.txmgr.SimulationResults;
import io.weft.ledger.txmgr.TxSimulator;
import io.weft.policies.PolicyDsl;
import io.weft.protoutil.Hashing;

/**
 * The real Java chaincode shim (fabric-chaincode-shim, dev-mode style: {@code -a host:port -i name:version}, no TLS)
 * against chaincode support on a loopback port: registration, put, get, del, the chaincode's own error, a chaincode
 * process killed in the middle of a transaction, queries, private data as the collections allow the proposal's
 * creator, the transient map, key-level endorsement policies and rich queries (refused by LevelDB).
 */
class ShimChaincodeTest {

    static final String CH = "testchannel";
    static final String CC = ChaincodeLedgerFixture.CC;
    static final String CCID = CC + ":1.0";

    @TempDir
    Path dir;

    LoopbackChaincodeSupport loopback;
    ChaincodeSupport support;
    ChaincodeLedgerFixture ledger;
    Process process;

    @BeforeEach
    void setUp() throws Exception {
        ledger = new ChaincodeLedgerFixture(dir, ChaincodeSupportTest.COLLECTIONS);
        ChannelConfig v25 = ledger.configWithApplicationCapability("V2_5");
        loopback = new LoopbackChaincodeSupport(new ChaincodeSupport(30_000, 0,
                ChaincodeSupport.DEFAULT_TOTAL_QUERY_LIMIT, ch -> Optional.of(v25)));
        support = loopback.support();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        loopback.close();
        ledger.close();
    }

    private String[] shimArgs() {
        return new String[] {"-a", loopback.address(), "-i", CCID};
    }

    private static ChaincodeInput input(String... args) {
        ChaincodeInput.Builder b = ChaincodeInput.newBuilder();
        for (String a : args) {
            b.addArgs(ByteString.copyFromUtf8(a));
        }
        return b.build();
    }

    private record Outcome(ChaincodeMessage message, SimulationResults simulation) {
        TxReadWriteSet results() {
            return simulation.pub();
        }
    }

    private int tx;

    private Outcome invoke(String... args) {
        return invokeAs(null, args);
    }

    /** Runs the chaincode for a proposal (null: none) with {@code args}. */
    private Outcome invokeAs(SignedProposal proposal, String... args) {
        String txid = "tx" + (++tx);
        TxSimulator sim = ledger.ledger().newTxSimulator(txid);
        try {
            ChaincodeMessage m = support.execute(CH, txid, CC, input(args), proposal, sim,
                    ledger.ledger().newHistoryQueryExecutor().orElse(null), 30_000);
            assertThat(m.getTxid()).isEqualTo(txid);
            assertThat(m.getChannelId()).isEqualTo(CH);
            return new Outcome(m, sim.getTxSimulationResults());
        } finally {
            sim.done();
        }
    }

    private static KVRWSet kv(TxReadWriteSet rw) throws Exception {
        return KVRWSet.parseFrom(ns(rw).getRwset());
    }

    private static NsReadWriteSet ns(TxReadWriteSet rw) {
        return rw.getNsRwsetList().stream().filter(n -> n.getNamespace().equals(CC)).findFirst().orElseThrow();
    }

    @Test
    void theRealShimRegistersAndRunsPutGetDelAndItsErrors() throws Exception {
        KvChaincode chaincode = new KvChaincode();
        chaincode.start(shimArgs());
        eventually(() -> support.isRunning(CC));
        assertThat(support.registry().chaincodeIds()).containsExactly(CCID);

        Outcome put = invoke("put", "k1", "v1");
        assertThat(put.message().getType()).isEqualTo(Type.COMPLETED);
        Response r = ChaincodeSupport.response(put.message(), "tx1");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getMessage()).isEqualTo("stored k1");
        assertThat(kv(put.results()).getWritesList()).singleElement().satisfies(w -> {
            assertThat(w.getKey()).isEqualTo("k1");
            assertThat(w.getValue().toStringUtf8()).isEqualTo("v1");
        });
        ledger.commit(put.results());
        assertThat(ledger.state("k1").toStringUtf8()).isEqualTo("v1");

        Outcome get = invoke("get", "k1");
        assertThat(ChaincodeSupport.response(get.message(), "tx2").getPayload().toStringUtf8()).isEqualTo("v1");
        assertThat(kv(get.results()).getReadsList()).extracting(x -> x.getKey()).containsExactly("k1");
        assertThat(kv(get.results()).getWritesList()).isEmpty();

        Outcome absent = invoke("get", "nothing");
        assertThat(ChaincodeSupport.response(absent.message(), "tx3").getPayload()).isEmpty();

        Outcome del = invoke("del", "k1");
        assertThat(kv(del.results()).getWritesList()).singleElement().satisfies(w -> {
            assertThat(w.getKey()).isEqualTo("k1");
            assertThat(w.getIsDelete()).isTrue();
        });
        ledger.commit(del.results());
        assertThat(ledger.state("k1")).isNull();

        // an error response is COMPLETED with status 500 (the Java shim sends ERROR only when the chaincode throws)
        Outcome unknown = invoke("nope");
        assertThat(unknown.message().getType()).isEqualTo(Type.COMPLETED);
        Response refused = ChaincodeSupport.response(unknown.message(), "tx5");
        assertThat(refused.getStatus()).isEqualTo(500);
        assertThat(refused.getMessage()).isEqualTo("Unknown function nope");

        Outcome thrown = invoke("fail");
        assertThat(thrown.message().getType()).isEqualTo(Type.ERROR);
        assertThat(thrown.message().getPayload().toStringUtf8()).contains("failing as asked");
        assertThatThrownBy(() -> ChaincodeSupport.response(thrown.message(), "tx6"))
                .hasMessageStartingWith("transaction returned with failure: ").hasMessageContaining("failing as asked");

        // a second instance under the same ID is refused; the first keeps serving
        new KvChaincode().start(shimArgs());
        Thread.sleep(500);
        assertThat(support.registry().chaincodeIds()).containsExactly(CCID);
        assertThat(invoke("get", "k1").message().getType()).isEqualTo(Type.COMPLETED);
    }

    @Test
    void aChaincodeProcessKilledMidTransactionFailsItCleanlyAndDeregisters() throws Exception {
        Path log = dir.resolve("chaincode.log");
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), KvChaincode.class.getName()));
        cmd.addAll(List.of(shimArgs()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!support.isRunning(CC)) {
            assertThat(process.isAlive()).as("chaincode process (see %s)", log).isTrue();
            assertThat(System.nanoTime()).as("registration within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(invoke("put", "a", "b").message().getType()).isEqualTo(Type.COMPLETED);

        TxSimulator sim = ledger.ledger().newTxSimulator("hang");
        CompletableFuture<ChaincodeMessage> hanging = CompletableFuture
                .supplyAsync(() -> support.execute(CH, "hang", CC, input("hang"), sim));
        Thread.sleep(500);
        assertThat(hanging).isNotDone();
        long start = System.nanoTime();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> hanging.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(ChaincodeException.class)
                .hasMessageContaining("failed to execute transaction hang: chaincode stream terminated");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        sim.done();
        eventually(() -> support.registry().chaincodeIds().isEmpty());
        assertThatThrownBy(() -> invoke("get", "a")).isInstanceOf(ChaincodeException.class)
                .hasMessage("chaincode " + CC + " is not running (start it in dev mode)");
    }

    private static Response success(Outcome o) {
        assertThat(o.message().getType()).as(o.message().getPayload().toStringUtf8()).isEqualTo(Type.COMPLETED);
        Response r = ChaincodeSupport.response(o.message(), o.message().getTxid());
        assertThat(r.getStatus()).as(r.getMessage()).isEqualTo(200);
        return r;
    }

    private static String payload(Outcome o) {
        return success(o).getPayload().toStringUtf8();
    }

    private static String message(Outcome o) {
        return success(o).getMessage();
    }

    @Test
    void theRealShimRunsRangesPagesCompositeKeysAndHistory() throws Exception {
        TxSimulator seed = ledger.ledger().newTxSimulator("seed");
        for (int i = 0; i < 250; i++) {
            seed.setState(CC, String.format("k%03d", i), ByteString.copyFromUtf8("v" + i));
        }
        TxReadWriteSet results = seed.getTxSimulationResults().pub();
        seed.done();
        ledger.commit(results);
        new KvChaincode().start(shimArgs());
        eventually(() -> support.isRunning(CC));

        // 250 keys: three batches, two QUERY_STATE_NEXT round trips
        Outcome all = invoke("range", "k000", "");
        List<String> lines = payload(all).lines().toList();
        assertThat(lines).hasSize(250).startsWith("k000=v0").endsWith("k249=v249");
        assertThat(kv(all.results()).getRangeQueriesInfoList()).singleElement()
                .satisfies(q -> assertThat(q.getStartKey()).isEqualTo("k000"));
        assertThat(payload(invoke("range", "k010", "k013")).lines()).containsExactly("k010=v10", "k011=v11", "k012=v12");
        assertThat(payload(invoke("range", "", "")).lines()).hasSize(250);

        // pages of 120 following the bookmarks
        List<String> page1 = payload(invoke("rangepage", "k000", "", "120", "")).lines().toList();
        assertThat(page1).hasSize(121).startsWith("k000=v0").endsWith("k119=v119", "#120 k120");
        List<String> page2 = payload(invoke("rangepage", "k000", "", "120", "k120")).lines().toList();
        assertThat(page2).hasSize(121).startsWith("k120=v120").endsWith("k239=v239", "#120 k240");
        List<String> page3 = payload(invoke("rangepage", "k000", "", "120", "k240")).lines().toList();
        assertThat(page3).hasSize(11).startsWith("k240=v240").endsWith("k249=v249", "#10 ");

        // composite keys through getStateByPartialCompositeKey (a range on the peer's side)
        ledger.commit(invoke("putcomposite", "color", "red", "car", "1").results());
        ledger.commit(invoke("putcomposite", "color", "red", "bike", "2").results());
        ledger.commit(invoke("putcomposite", "color", "blue", "car", "3").results());
        ledger.commit(invoke("putcomposite", "size", "red", "car", "4").results());
        assertThat(payload(invoke("composite", "color", "red")).lines()).containsExactly("red/bike=2", "red/car=1");
        assertThat(payload(invoke("composite", "color", "blue")).lines()).containsExactly("blue/car=3");
        assertThat(payload(invoke("range", "k000", "")).lines()).hasSize(250); // composite keys sort apart

        // history of a key after commits, newest first
        ledger.commit(invoke("put", "h", "one").results());
        ledger.commit(invoke("put", "h", "two").results());
        ledger.commit(invoke("del", "h").results());
        ledger.commit(invoke("put", "h", "three").results());
        List<String> history = payload(invoke("history", "h")).lines().toList();
        assertThat(history).hasSize(4);
        assertThat(history).extracting(l -> l.substring(l.indexOf(' ') + 1)).containsExactly("three", "deleted", "two",
                "one");
        assertThat(history).allSatisfy(l -> assertThat(l.substring(0, l.indexOf(' '))).isNotEmpty());
        assertThat(payload(invoke("history", "never"))).isEmpty();
    }

    @Test
    void withoutTheHistoryDatabaseTheRealShimGetsFabricsError() throws Exception {
        new KvChaincode().start(shimArgs());
        eventually(() -> support.isRunning(CC));
        TxSimulator sim = ledger.ledger().newTxSimulator("nohistory");
        try {
            ChaincodeMessage m = support.execute(CH, "nohistory", CC, input("history", "h"), sim);
            assertThat(m.getType()).isEqualTo(Type.ERROR);
            // the shim reports the peer's ERROR (text checked in ChaincodeSupportTest) as an unsuccessful response
            assertThat(m.getPayload().toStringUtf8()).contains("Unsuccessful response received");
        } finally {
            sim.done();
        }
    }

    private static HashedRWSet hashed(Outcome o, String collection) throws Exception {
        return HashedRWSet.parseFrom(ns(o.results()).getCollectionHashedRwsetList().stream()
                .filter(c -> c.getCollectionName().equals(collection)).findFirst().orElseThrow().getHashedRwset());
    }

    private static KVRWSet pvt(Outcome o, String collection) throws Exception {
        return KVRWSet.parseFrom(o.simulation().pvt().getNsPvtRwsetList().stream()
                .filter(n -> n.getNamespace().equals(CC)).findFirst().orElseThrow().getCollectionPvtRwsetList()
                .stream().filter(c -> c.getCollectionName().equals(collection)).findFirst().orElseThrow().getRwset());
    }

    private static void refused(Outcome o) {
        // the Java shim logs the peer's ERROR text (checked in ChaincodeSupportTest) and throws a generic exception
        assertThat(o.message().getType()).isEqualTo(Type.ERROR);
        assertThat(o.message().getPayload().toStringUtf8()).contains("Unsuccessful response received");
    }

    private static ByteString sha256(String s) {
        return ByteString.copyFrom(Hashing.sha256(ByteString.copyFromUtf8(s)));
    }

    @Test
    void theRealShimReadsAndWritesPrivateDataAsTheCollectionsAllow() throws Exception {
        new KvChaincode().start(shimArgs());
        eventually(() -> support.isRunning(CC));
        SignedProposal org1 = ChaincodeLedgerFixture.proposal(ledger.org1Client(),
                Map.of("t", ByteString.copyFromUtf8("from-transient")), "f");
        SignedProposal org2 = ChaincodeLedgerFixture.proposal(ledger.org2Peer(), Map.of(), "f");

        // an Org1 member writes secret: hashes in the public read-write set, the value in the private one
        Outcome put = invokeAs(org1, "pput", "secret", "k1", "v1");
        assertThat(message(put)).isEqualTo("stored k1");
        assertThat(kv(put.results()).getWritesList()).isEmpty();
        assertThat(hashed(put, "secret").getHashedWritesList()).singleElement().satisfies(w -> {
            assertThat(w.getKeyHash()).isEqualTo(sha256("k1"));
            assertThat(w.getValueHash()).isEqualTo(sha256("v1"));
            assertThat(w.getIsDelete()).isFalse();
        });
        assertThat(pvt(put, "secret").getWritesList()).singleElement().satisfies(w -> {
            assertThat(w.getKey()).isEqualTo("k1");
            assertThat(w.getValue().toStringUtf8()).isEqualTo("v1");
        });
        ledger.commitWithPrivateData(put.simulation());

        assertThat(payload(invokeAs(org1, "pget", "secret", "k1"))).isEqualTo("v1");
        assertThat(payload(invokeAs(org1, "prange", "secret", "", ""))).isEqualTo("k1=v1\n");
        String hash = HexFormat.of().formatHex(sha256("v1").toByteArray());
        assertThat(payload(invokeAs(org1, "phash", "secret", "k1"))).isEqualTo(hash);
        // Org2's peer sees only the hash; it may use shared, which is not member-only
        assertThat(payload(invokeAs(org2, "phash", "secret", "k1"))).isEqualTo(hash);
        refused(invokeAs(org2, "pget", "secret", "k1"));
        refused(invokeAs(org2, "pput", "secret", "k2", "x"));
        assertThat(message(invokeAs(org2, "pput", "shared", "s", "x"))).isEqualTo("stored s");
        refused(invokeAs(org1, "pget", "undefined", "k1"));
        // no proposal, no creator: not a member
        refused(invokeAs(null, "pget", "secret", "k1"));

        // the proposal's transient map reaches the chaincode, never the public read-write set
        assertThat(payload(invokeAs(org1, "transient", "t"))).isEqualTo("from-transient");
        Outcome fromTransient = invokeAs(org1, "pputtransient", "secret", "t");
        assertThat(pvt(fromTransient, "secret").getWritesList()).singleElement()
                .satisfies(w -> assertThat(w.getValue().toStringUtf8()).isEqualTo("from-transient"));
        assertThat(fromTransient.results().toByteString().toStringUtf8()).doesNotContain("from-transient");

        Outcome del = invokeAs(org1, "pdel", "secret", "k1");
        assertThat(hashed(del, "secret").getHashedWritesList()).singleElement()
                .satisfies(w -> assertThat(w.getIsDelete()).isTrue());
        assertThat(pvt(del, "secret").getWritesList()).singleElement()
                .satisfies(w -> assertThat(w.getIsDelete()).isTrue());
        Outcome purge = invokeAs(org1, "ppurge", "secret", "k1");
        assertThat(hashed(purge, "secret").getHashedWritesList()).singleElement()
                .satisfies(w -> assertThat(w.getIsPurge()).isTrue());
        refused(invokeAs(org2, "ppurge", "secret", "k1"));

        // rich queries need CouchDB
        refused(invokeAs(org1, "query", "{}"));
        refused(invokeAs(org1, "querypage", "{}", "10", ""));
        refused(invokeAs(org1, "pquery", "secret", "{}"));
    }

    @Test
    void theRealShimSetsAndReadsKeyLevelEndorsementPolicies() throws Exception {
        new KvChaincode().start(shimArgs());
        eventually(() -> support.isRunning(CC));
        SignedProposal org1 = ChaincodeLedgerFixture.proposal(ledger.org1Client(), Map.of(), "f");
        String policy = HexFormat.of().formatHex(PolicyDsl.parse("OR('Org1MSP.peer')").toByteArray());

        ledger.commit(invoke("put", "ep", "value").results());
        Outcome set = invokeAs(org1, "setep", "ep", policy);
        assertThat(message(set)).isEqualTo("set ep");
        assertThat(kv(set.results()).getMetadataWritesList()).singleElement().satisfies(w -> {
            assertThat(w.getKey()).isEqualTo("ep");
            assertThat(w.getEntriesList()).singleElement().satisfies(e -> {
                assertThat(e.getName()).isEqualTo("VALIDATION_PARAMETER");
                assertThat(HexFormat.of().formatHex(e.getValue().toByteArray())).isEqualTo(policy);
            });
        });
        assertThat(payload(invokeAs(org1, "getep", "ep"))).isEmpty(); // reads see committed state only
        ledger.commit(set.results());
        assertThat(payload(invokeAs(org1, "getep", "ep"))).isEqualTo(policy);

        Outcome pset = invokeAs(org1, "psetep", "secret", "k", policy);
        assertThat(hashed(pset, "secret").getMetadataWritesList()).singleElement().satisfies(w -> {
            assertThat(w.getKeyHash()).isEqualTo(sha256("k"));
            assertThat(w.getEntries(0).getName()).isEqualTo("VALIDATION_PARAMETER");
        });
        assertThat(payload(invokeAs(org1, "pgetep", "secret", "k"))).isEmpty();
    }
}
