package io.weft.core.chaincode;

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
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.peer.GetHistoryForKey;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.weft.core.committer.ChaincodeLedgerFixture;
import io.weft.ledger.txmgr.TxSimulator;

/** The Register stream and transaction execution against scripted chaincodes on a loopback server. */
class ChaincodeSupportTest {

    static final String CH = "testchannel";
    static final String CC = ChaincodeLedgerFixture.CC;

    @TempDir
    Path dir;

    LoopbackChaincodeSupport loopback;
    ChaincodeSupport support;
    ManagedChannel channel;
    ChaincodeLedgerFixture ledger;

    @BeforeEach
    void setUp() throws Exception {
        loopback = new LoopbackChaincodeSupport();
        support = loopback.support();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", loopback.port(), InsecureChannelCredentials.create())
                .build();
    }

    @AfterEach
    void tearDown() throws Exception {
        channel.shutdownNow();
        loopback.close();
        if (ledger != null) {
            ledger.close();
        }
    }

    static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(20);
        }
    }

    private FakeChaincode registered(String id) throws Exception {
        FakeChaincode cc = new FakeChaincode(channel);
        cc.register(id);
        assertThat(cc.next().getType()).isEqualTo(Type.REGISTERED);
        assertThat(cc.next().getType()).isEqualTo(Type.READY);
        return cc;
    }

    @Test
    void registerIsAnsweredWithRegisteredThenReady() throws Exception {
        try (FakeChaincode cc = registered(CC + ":1.0")) {
            assertThat(support.registry().chaincodeIds()).containsExactly(CC + ":1.0");
            assertThat(support.isRunning(CC)).isTrue();
            assertThat(support.isRunning("other")).isFalse();
            Handler h = support.registry().handler(CC + ":1.0").orElseThrow();
            assertThat(h.state()).isEqualTo(Handler.State.READY);
        }
    }

    @Test
    void aFirstMessageOtherThanRegisterEndsTheStreamWithFabricsMessage() throws Exception {
        FakeChaincode cc = new FakeChaincode(channel);
        cc.send(Type.PUT_STATE, CH, "tx1", PutState.newBuilder().setKey("k").build());
        Throwable end = cc.ended.get(10, TimeUnit.SECONDS);
        assertThat(end).isInstanceOf(StatusRuntimeException.class).hasMessageContaining(
                "error handling message, ending stream: [tx1] Fabric side handler cannot handle message (PUT_STATE) "
                        + "while in created state");
        assertThat(cc.inbox).isEmpty();
        assertThat(support.registry().chaincodeIds()).isEmpty();
    }

    @Test
    void anEmptyNameIsRefused() throws Exception {
        FakeChaincode cc = new FakeChaincode(channel);
        cc.register("");
        assertThat(cc.ended.get(10, TimeUnit.SECONDS))
                .hasMessageContaining("error in handling register chaincode, chaincodeID name is empty");
        assertThat(support.registry().chaincodeIds()).isEmpty();
    }

    @Test
    void aDuplicateRegistrationIsRefusedAndTheFirstStays() throws Exception {
        try (FakeChaincode first = registered("dup:1")) {
            FakeChaincode second = new FakeChaincode(channel);
            second.register("dup:1");
            assertThat(second.ended.get(10, TimeUnit.SECONDS)).hasMessageContaining("duplicate chaincodeID: dup:1");
            assertThat(second.inbox).isEmpty();
            assertThat(support.registry().chaincodeIds()).containsExactly("dup:1");
            assertThat(first.ended).isNotDone();
        }
    }

    @Test
    void keepaliveIsIgnoredAndAnUnexpectedTypeInReadyEndsTheStream() throws Exception {
        FakeChaincode cc = registered("ka:1");
        cc.send(Type.KEEPALIVE, "", "", null);
        cc.send(Type.REGISTER, "", "tx9", null);
        assertThat(cc.ended.get(10, TimeUnit.SECONDS)).hasMessageContaining(
                "[tx9] Fabric side handler cannot handle message (REGISTER) while in ready state");
        assertThat(cc.inbox).isEmpty(); // no answer to KEEPALIVE
        eventually(() -> support.registry().chaincodeIds().isEmpty());
    }

    @Test
    void theEndOfTheStreamDeregisters() throws Exception {
        FakeChaincode cc = registered("bye:1");
        cc.finish();
        cc.ended.get(10, TimeUnit.SECONDS);
        eventually(() -> support.registry().chaincodeIds().isEmpty());
        FakeChaincode again = registered("bye:1"); // the name is free again
        again.kill();
        eventually(() -> support.registry().chaincodeIds().isEmpty());
    }

    @Test
    void peerKeepalivesAreSentWhenConfigured() throws Exception {
        try (LoopbackChaincodeSupport pinging = new LoopbackChaincodeSupport(new ChaincodeSupport(30_000, 100))) {
            ManagedChannel c = Grpc.newChannelBuilderForAddress("127.0.0.1", pinging.port(),
                    InsecureChannelCredentials.create()).build();
            try (FakeChaincode cc = new FakeChaincode(c)) {
                cc.register("ping:1");
                assertThat(cc.next().getType()).isEqualTo(Type.REGISTERED);
                assertThat(cc.next().getType()).isEqualTo(Type.READY);
                assertThat(cc.next().getType()).isEqualTo(Type.KEEPALIVE);
            } finally {
                c.shutdownNow();
            }
        }
    }

    // ---- execution

    private static ChaincodeInput input(String... args) {
        ChaincodeInput.Builder b = ChaincodeInput.newBuilder();
        for (String a : args) {
            b.addArgs(ByteString.copyFromUtf8(a));
        }
        return b.build();
    }

    private CompletableFuture<ChaincodeMessage> executeAsync(String txid, TxSimulator sim, long timeout) {
        return CompletableFuture.supplyAsync(() -> support.execute(CH, txid, CC, input("f", "a"), null, sim, timeout));
    }

    private static ChaincodeMessage completed(String txid, int status, String payload) {
        return ChaincodeMessage.newBuilder().setType(Type.COMPLETED).setChannelId(CH).setTxid(txid)
                .setPayload(Response.newBuilder().setStatus(status).setPayload(ByteString.copyFromUtf8(payload)).build()
                        .toByteString())
                .build();
    }

    private static KVRWSet writes(TxReadWriteSet rw) throws Exception {
        assertThat(rw.getNsRwsetList()).extracting(n -> n.getNamespace()).containsExactly(CC);
        return KVRWSet.parseFrom(rw.getNsRwset(0).getRwset());
    }

    @Test
    void aTransactionServesStateRequestsFromTheSimulator() throws Exception {
        ledger = new ChaincodeLedgerFixture(dir);
        FakeChaincode cc = registered(CC + ":1.0");
        // tx1 writes k1 and k2
        TxSimulator sim = ledger.ledger().newTxSimulator("tx1");
        CompletableFuture<ChaincodeMessage> result = executeAsync("tx1", sim, 10_000);
        ChaincodeMessage tx = cc.next();
        assertThat(tx.getType()).isEqualTo(Type.TRANSACTION);
        assertThat(tx.getTxid()).isEqualTo("tx1");
        assertThat(tx.getChannelId()).isEqualTo(CH);
        assertThat(ChaincodeInput.parseFrom(tx.getPayload())).isEqualTo(input("f", "a"));
        cc.send(Type.PUT_STATE, CH, "tx1", PutState.newBuilder().setKey("k1").setValue(ByteString.copyFromUtf8("v1")).build());
        ChaincodeMessage r = cc.next();
        assertThat(r.getType()).isEqualTo(Type.RESPONSE);
        assertThat(r.getTxid()).isEqualTo("tx1");
        assertThat(r.getChannelId()).isEqualTo(CH);
        assertThat(r.getPayload()).isEmpty();
        cc.send(Type.PUT_STATE, CH, "tx1", PutState.newBuilder().setKey("k2").setValue(ByteString.copyFromUtf8("v2")).build());
        assertThat(cc.next().getType()).isEqualTo(Type.RESPONSE);
        cc.send(Type.GET_STATE, CH, "tx1", GetState.newBuilder().setKey("k1").build());
        r = cc.next(); // reads see committed state only: absent
        assertThat(r.getType()).isEqualTo(Type.RESPONSE);
        assertThat(r.getPayload()).isEmpty();
        cc.send(completed("tx1", 200, "done"));
        ChaincodeMessage done = result.get(10, TimeUnit.SECONDS);
        assertThat(ChaincodeSupport.response(done, "tx1").getPayload().toStringUtf8()).isEqualTo("done");
        TxReadWriteSet rw = sim.getTxSimulationResults().pub();
        sim.done();
        assertThat(writes(rw).getWritesList()).extracting(w -> w.getKey() + "=" + w.getValue().toStringUtf8())
                .containsExactlyInAnyOrder("k1=v1", "k2=v2");
        ledger.commit(rw);
        assertThat(ledger.state("k1").toStringUtf8()).isEqualTo("v1");

        // tx2 reads k1 and deletes k2
        TxSimulator sim2 = ledger.ledger().newTxSimulator("tx2");
        result = executeAsync("tx2", sim2, 10_000);
        assertThat(cc.next().getType()).isEqualTo(Type.TRANSACTION);
        cc.send(Type.GET_STATE, CH, "tx2", GetState.newBuilder().setKey("k1").build());
        assertThat(cc.next().getPayload().toStringUtf8()).isEqualTo("v1");
        cc.send(Type.DEL_STATE, CH, "tx2", DelState.newBuilder().setKey("k2").build());
        assertThat(cc.next().getType()).isEqualTo(Type.RESPONSE);
        cc.send(completed("tx2", 200, ""));
        assertThat(result.get(10, TimeUnit.SECONDS).getType()).isEqualTo(Type.COMPLETED);
        KVRWSet kv = writes(sim2.getTxSimulationResults().pub());
        sim2.done();
        assertThat(kv.getReadsList()).extracting(x -> x.getKey()).containsExactly("k1");
        assertThat(kv.getWritesList()).singleElement().satisfies(w -> {
            assertThat(w.getKey()).isEqualTo("k2");
            assertThat(w.getIsDelete()).isTrue();
        });
        cc.close();
    }

    @Test
    void requestsOutsideATransactionAndUnsupportedOnesGetErrors() throws Exception {
        ledger = new ChaincodeLedgerFixture(dir);
        FakeChaincode cc = registered(CC + ":1.0");
        cc.send(Type.GET_STATE, CH, "nope", GetState.newBuilder().setKey("k").build());
        ChaincodeMessage r = cc.next();
        assertThat(r.getType()).isEqualTo(Type.ERROR);
        assertThat(r.getPayload().toStringUtf8()).isEqualTo("GET_STATE failed: transaction ID: nope: no ledger context");

        TxSimulator sim = ledger.ledger().newTxSimulator("tx3");
        CompletableFuture<ChaincodeMessage> result = executeAsync("tx3", sim, 10_000);
        assertThat(cc.next().getType()).isEqualTo(Type.TRANSACTION);
        cc.send(Type.GET_QUERY_RESULT, CH, "tx3", GetQueryResult.newBuilder().build());
        r = cc.next();
        assertThat(r.getType()).isEqualTo(Type.ERROR);
        assertThat(r.getPayload().toStringUtf8())
                .isEqualTo("GET_QUERY_RESULT failed: transaction ID: tx3: not supported yet in Weft");
        cc.send(Type.PUT_STATE, CH, "tx3", PutState.newBuilder().setKey("k").setCollection("c").build());
        assertThat(cc.next().getPayload().toStringUtf8())
                .isEqualTo("PUT_STATE failed: transaction ID: tx3: private data is not supported yet in Weft");
        cc.send(ChaincodeMessage.newBuilder().setType(Type.GET_STATE).setChannelId(CH).setTxid("tx3")
                .setPayload(ByteString.copyFromUtf8("\u00ff\u00ff garbage")).build());
        assertThat(cc.next().getPayload().toStringUtf8()).startsWith("GET_STATE failed: transaction ID: tx3: unmarshal failed");
        cc.send(ChaincodeMessage.newBuilder().setType(Type.ERROR).setChannelId(CH).setTxid("tx3")
                .setPayload(ByteString.copyFromUtf8("boom")).build());
        ChaincodeMessage error = result.get(10, TimeUnit.SECONDS);
        assertThat(error.getType()).isEqualTo(Type.ERROR);
        assertThatThrownBy(() -> ChaincodeSupport.response(error, "tx3")).isInstanceOf(ChaincodeException.class)
                .hasMessage("transaction returned with failure: boom");
        sim.done();
        cc.close();
    }

    @Test
    void aSilentChaincodeTimesOutAndADuplicateTxidIsRefused() throws Exception {
        ledger = new ChaincodeLedgerFixture(dir);
        FakeChaincode cc = registered(CC + ":1.0");
        TxSimulator sim = ledger.ledger().newTxSimulator("tx4");
        CompletableFuture<ChaincodeMessage> result = executeAsync("tx4", sim, 1_500);
        assertThat(cc.next().getType()).isEqualTo(Type.TRANSACTION);
        assertThatThrownBy(() -> support.execute(CH, "tx4", CC, input(), null, sim, 1_000))
                .isInstanceOf(ChaincodeException.class).hasMessage("failed to execute transaction tx4: txid: tx4(" + CH + ") exists");
        assertThatThrownBy(() -> result.join()).hasCauseInstanceOf(ChaincodeException.class)
                .hasMessageContaining("failed to execute transaction tx4: timeout expired while executing transaction");
        // a late answer is dropped; the stream goes on
        cc.send(completed("tx4", 200, "late"));
        cc.send(Type.GET_STATE, CH, "tx4", GetState.newBuilder().setKey("k").build());
        assertThat(cc.next().getPayload().toStringUtf8()).isEqualTo("GET_STATE failed: transaction ID: tx4: no ledger context");
        assertThat(support.isRunning(CC)).isTrue();
        sim.done();
        cc.close();
    }

    @Test
    void aChaincodeThatDiesMidTransactionFailsItCleanly() throws Exception {
        ledger = new ChaincodeLedgerFixture(dir);
        FakeChaincode cc = registered(CC + ":1.0");
        TxSimulator sim = ledger.ledger().newTxSimulator("tx5");
        CompletableFuture<ChaincodeMessage> result = executeAsync("tx5", sim, 30_000);
        assertThat(cc.next().getType()).isEqualTo(Type.TRANSACTION);
        cc.send(Type.PUT_STATE, CH, "tx5", PutState.newBuilder().setKey("k").setValue(ByteString.copyFromUtf8("v")).build());
        assertThat(cc.next().getType()).isEqualTo(Type.RESPONSE);
        long start = System.nanoTime();
        cc.kill();
        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ChaincodeException.class)
                .hasMessageContaining("failed to execute transaction tx5: chaincode stream terminated");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        eventually(() -> support.registry().chaincodeIds().isEmpty());
        assertThatThrownBy(() -> support.execute(CH, "tx6", CC, input(), sim))
                .isInstanceOf(ChaincodeException.class)
                .hasMessage("chaincode " + CC + " is not running (start it in dev mode)");
        sim.done();
    }

    @Test
    void manyStreamsAtOnce() throws Exception {
        List<FakeChaincode> ccs = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ccs.add(registered("cc" + i + ":1"));
        }
        assertThat(support.registry().chaincodeIds()).hasSize(20);
        ccs.forEach(FakeChaincode::kill);
        eventually(() -> support.registry().chaincodeIds().isEmpty());
    }

    private void seed(int n) throws Exception {
        TxSimulator seed = ledger.ledger().newTxSimulator("seed");
        for (int i = 0; i < n; i++) {
            seed.setState(CC, String.format("k%03d", i), ByteString.copyFromUtf8("v" + i));
        }
        TxReadWriteSet results = seed.getTxSimulationResults().pub();
        seed.done();
        ledger.commit(results);
    }

    private static QueryResponse queryResponse(ChaincodeMessage m) throws Exception {
        assertThat(m.getType()).as(m.getPayload().toStringUtf8()).isEqualTo(Type.RESPONSE);
        return QueryResponse.parseFrom(m.getPayload());
    }

    private static List<String> keys(QueryResponse r) throws Exception {
        List<String> keys = new java.util.ArrayList<>();
        for (QueryResultBytes b : r.getResultsList()) {
            KV kv = KV.parseFrom(b.getResultBytes());
            assertThat(kv.getNamespace()).isEqualTo(CC);
            assertThat(kv.getValue().toStringUtf8()).isEqualTo("v" + Integer.parseInt(kv.getKey().substring(1)));
            keys.add(kv.getKey());
        }
        return keys;
    }

    @Test
    void rangeQueriesComeInBatchesOf100WithHasMoreAndQueryStateNextAndClose() throws Exception {
        ledger = new ChaincodeLedgerFixture(dir);
        seed(250);
        FakeChaincode cc = registered(CC + ":1.0");
        TxSimulator sim = ledger.ledger().newTxSimulator("tx1");
        CompletableFuture<ChaincodeMessage> result = executeAsync("tx1", sim, 10_000);
        assertThat(cc.next().getType()).isEqualTo(Type.TRANSACTION);

        cc.send(Type.GET_STATE_BY_RANGE, CH, "tx1", GetStateByRange.newBuilder().setStartKey("k000").setEndKey("").build());
        QueryResponse first = queryResponse(cc.next());
        assertThat(first.getHasMore()).isTrue();
        assertThat(first.getId()).isNotEmpty();
        assertThat(first.getMetadata()).isEmpty();
        assertThat(keys(first)).hasSize(100).startsWith("k000").endsWith("k099");
        cc.send(Type.QUERY_STATE_NEXT, CH, "tx1", QueryStateNext.newBuilder().setId(first.getId()).build());
        QueryResponse second = queryResponse(cc.next());
        assertThat(second.getHasMore()).isTrue();
        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(keys(second)).hasSize(100).startsWith("k100").endsWith("k199");
        cc.send(Type.QUERY_STATE_NEXT, CH, "tx1", QueryStateNext.newBuilder().setId(first.getId()).build());
        QueryResponse last = queryResponse(cc.next());
        assertThat(last.getHasMore()).isFalse();
        assertThat(keys(last)).hasSize(50).startsWith("k200").endsWith("k249");
        // the exhausted query is gone: Fabric's texts for an unknown id
        cc.send(Type.QUERY_STATE_NEXT, CH, "tx1", QueryStateNext.newBuilder().setId(first.getId()).build());
        ChaincodeMessage gone = cc.next();
        assertThat(gone.getType()).isEqualTo(Type.ERROR);
        assertThat(gone.getPayload().toStringUtf8())
                .isEqualTo("QUERY_STATE_NEXT failed: transaction ID: tx1: query iterator not found");
        cc.send(Type.QUERY_STATE_CLOSE, CH, "tx1", QueryStateClose.newBuilder().setId("unknown").build());
        QueryResponse closedUnknown = queryResponse(cc.next());
        assertThat(closedUnknown.getId()).isEqualTo("unknown");
        assertThat(closedUnknown.getHasMore()).isFalse();
        assertThat(closedUnknown.getResultsList()).isEmpty();

        // closed early: QUERY_STATE_NEXT no longer finds it
        cc.send(Type.GET_STATE_BY_RANGE, CH, "tx1", GetStateByRange.newBuilder().setStartKey("k100").setEndKey("k150").build());
        QueryResponse partial = queryResponse(cc.next());
        assertThat(partial.getHasMore()).isFalse();
        assertThat(keys(partial)).hasSize(50);
        cc.send(Type.GET_STATE_BY_RANGE, CH, "tx1", GetStateByRange.newBuilder().setStartKey("k000").setEndKey("k201").build());
        QueryResponse open = queryResponse(cc.next());
        assertThat(open.getHasMore()).isTrue();
        cc.send(Type.QUERY_STATE_CLOSE, CH, "tx1", QueryStateClose.newBuilder().setId(open.getId()).build());
        assertThat(queryResponse(cc.next()).getId()).isEqualTo(open.getId());
        cc.send(Type.QUERY_STATE_NEXT, CH, "tx1", QueryStateNext.newBuilder().setId(open.getId()).build());
        assertThat(cc.next().getPayload().toStringUtf8()).endsWith(": query iterator not found");

        // left open at the end of the transaction: closed with it
        cc.send(Type.GET_STATE_BY_RANGE, CH, "tx1", GetStateByRange.newBuilder().setStartKey("k000").build());
        assertThat(queryResponse(cc.next()).getHasMore()).isTrue();
        cc.send(completed("tx1", 200, ""));
        assertThat(result.get(10, TimeUnit.SECONDS).getType()).isEqualTo(Type.COMPLETED);
        sim.done();
        cc.close();
    }

    @Test
    void paginatedRangesReturnOnePageWithFetchedCountAndBookmark() throws Exception {
        ledger = new ChaincodeLedgerFixture(dir);
        seed(250);
        FakeChaincode cc = registered(CC + ":1.0");
        TxSimulator sim = ledger.ledger().newTxSimulator("tx1");
        CompletableFuture<ChaincodeMessage> result = executeAsync("tx1", sim, 10_000);
        assertThat(cc.next().getType()).isEqualTo(Type.TRANSACTION);

        // a page larger than the batch size is still one response
        cc.send(Type.GET_STATE_BY_RANGE, CH, "tx1", GetStateByRange.newBuilder().setStartKey("k000").setEndKey("")
                .setMetadata(QueryMetadata.newBuilder().setPageSize(150).build().toByteString()).build());
        QueryResponse page1 = queryResponse(cc.next());
        assertThat(page1.getHasMore()).isFalse();
        assertThat(keys(page1)).hasSize(150).startsWith("k000").endsWith("k149");
        QueryResponseMetadata md1 = QueryResponseMetadata.parseFrom(page1.getMetadata());
        assertThat(md1.getFetchedRecordsCount()).isEqualTo(150);
        assertThat(md1.getBookmark()).isEqualTo("k150");

        cc.send(Type.GET_STATE_BY_RANGE, CH, "tx1", GetStateByRange.newBuilder().setStartKey("k000").setEndKey("")
                .setMetadata(QueryMetadata.newBuilder().setPageSize(150).setBookmark(md1.getBookmark()).build()
                        .toByteString()).build());
        QueryResponse page2 = queryResponse(cc.next());
        assertThat(keys(page2)).hasSize(100).startsWith("k150").endsWith("k249");
        QueryResponseMetadata md2 = QueryResponseMetadata.parseFrom(page2.getMetadata());
        assertThat(md2.getFetchedRecordsCount()).isEqualTo(100);
        assertThat(md2.getBookmark()).isEmpty();
        cc.send(Type.QUERY_STATE_NEXT, CH, "tx1", QueryStateNext.newBuilder().setId(page2.getId()).build());
        assertThat(cc.next().getPayload().toStringUtf8()).endsWith(": query iterator not found");

        cc.send(completed("tx1", 200, ""));
        assertThat(result.get(10, TimeUnit.SECONDS).getType()).isEqualTo(Type.COMPLETED);
        sim.done();
        cc.close();
    }

    @Test
    void totalQueryLimitCapsARangeAndHistoryNeedsTheHistoryDatabase() throws Exception {
        loopback.close();
        channel.shutdownNow();
        loopback = new LoopbackChaincodeSupport(new ChaincodeSupport(30_000, 0, 120));
        support = loopback.support();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", loopback.port(), InsecureChannelCredentials.create())
                .build();
        ledger = new ChaincodeLedgerFixture(dir);
        seed(250);
        FakeChaincode cc = registered(CC + ":1.0");
        TxSimulator sim = ledger.ledger().newTxSimulator("tx1");
        CompletableFuture<ChaincodeMessage> result = executeAsync("tx1", sim, 10_000);
        assertThat(cc.next().getType()).isEqualTo(Type.TRANSACTION);

        cc.send(Type.GET_STATE_BY_RANGE, CH, "tx1", GetStateByRange.newBuilder().setStartKey("k000").build());
        QueryResponse first = queryResponse(cc.next());
        assertThat(first.getHasMore()).isTrue();
        assertThat(keys(first)).hasSize(100);
        cc.send(Type.QUERY_STATE_NEXT, CH, "tx1", QueryStateNext.newBuilder().setId(first.getId()).build());
        QueryResponse rest = queryResponse(cc.next());
        assertThat(rest.getHasMore()).isFalse();
        assertThat(keys(rest)).hasSize(20).endsWith("k119");

        cc.send(Type.GET_HISTORY_FOR_KEY, CH, "tx1", GetHistoryForKey.newBuilder().setKey("k001").build());
        ChaincodeMessage noHistory = cc.next();
        assertThat(noHistory.getType()).isEqualTo(Type.ERROR);
        assertThat(noHistory.getPayload().toStringUtf8())
                .isEqualTo("GET_HISTORY_FOR_KEY failed: transaction ID: tx1: history database is not enabled");

        cc.send(completed("tx1", 200, ""));
        assertThat(result.get(10, TimeUnit.SECONDS).getType()).isEqualTo(Type.COMPLETED);
        sim.done();
        cc.close();
    }
}
