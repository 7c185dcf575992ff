package io.weft.core.chaincode;

import static io.weft.core.chaincode.ChaincodeSupportTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.weft.core.committer.ChaincodeLedgerFixture;
import io.weft.ledger.txmgr.TxSimulator;

/**
 * The real Java chaincode shim (fabric-chaincode-shim, dev-mode style: {@code -a host:port -i name:version}, no TLS)
 * against chaincode support on a loopback port: registration, put, get, del, the chaincode's own error, and a
 * chaincode process killed in the middle of a transaction.
 */
class ShimChaincodeTest {

    static final String CH = "testchannel";
    static final String CC = ChaincodeLedgerFixture.CC;
    static final String CCID = CC + ":1.0";

    @TempDir
    Path dir;

    ChaincodeSupport support;
    Server server;
    ChaincodeLedgerFixture ledger;
    Process process;

    @BeforeEach
    void setUp() throws Exception {
        support = new ChaincodeSupport(30_000, 0);
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(support.service())
                .build().start();
        ledger = new ChaincodeLedgerFixture(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        support.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        ledger.close();
    }

    private String[] shimArgs() {
        return new String[] {"-a", "127.0.0.1:" + server.getPort(), "-i", CCID};
    }

    private static ChaincodeInput input(String... args) {
        ChaincodeInput.Builder b = ChaincodeInput.newBuilder();
        for (String a : args) {
            b.addArgs(ByteString.copyFromUtf8(a));
        }
        return b.build();
    }

    private record Outcome(ChaincodeMessage message, TxReadWriteSet results) {
    }

    private int tx;

    private Outcome invoke(String... args) {
        String txid = "tx" + (++tx);
        TxSimulator sim = ledger.ledger().newTxSimulator(txid);
        try {
            ChaincodeMessage m = support.execute(CH, txid, CC, input(args), sim);
            assertThat(m.getTxid()).isEqualTo(txid);
            assertThat(m.getChannelId()).isEqualTo(CH);
            return new Outcome(m, sim.getTxSimulationResults().pub());
        } finally {
            sim.done();
        }
    }

    private static KVRWSet kv(TxReadWriteSet rw) throws Exception {
        return KVRWSet.parseFrom(rw.getNsRwsetList().stream().filter(n -> n.getNamespace().equals(CC)).findFirst()
                .orElseThrow().getRwset());
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
}
