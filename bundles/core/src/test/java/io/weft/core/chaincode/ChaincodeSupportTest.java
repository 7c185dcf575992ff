package io.weft.core.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
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
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.weft.channelconfig.ChannelConfig;
import io.weft.core.committer.ChaincodeLedgerFixture;
import io.weft.ledger.txmgr.SimulationResults;
import io.weft.ledger.txmgr.TxSimulator;
import io.weft.policies.PolicyDsl;

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
    volatile ChannelConfig channelConfig; // null: the peer has no channel config

    @BeforeEach
    void setUp() throws Exception {
        loopback = new LoopbackChaincodeSupport(new ChaincodeSupport(30_000, 0,
                ChaincodeSupport.DEFAULT_TOTAL_QUERY_LIMIT, ch -> Optional.ofNullable(channelConfig)));
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
        return executeAsync(txid, null, sim);
    }

    private CompletableFuture<ChaincodeMessage> executeAsync(String txid, SignedProposal proposal, TxSimulator sim) {
        return CompletableFuture.supplyAsync(() -> support.execute(CH, txid, CC, input("f", "a"), proposal, sim,
                10_000));
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
        cc.send(Type.INVOKE_CHAINCODE, CH, "tx3", ChaincodeSpec.newBuilder().build());
        r = cc.next();
        assertThat(r.getType()).isEqualTo(Type.ERROR);
        assertThat(r.getPayload().toStringUtf8())
                .isEqualTo("INVOKE_CHAINCODE failed: transaction ID: tx3: execute failed: chaincode-to-chaincode calls need the "
                + "endorser, which is not running");
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

    // ---- private data, state metadata, rich queries

    /**
     * {@code secret}: Org1 members only, for reads and writes; {@code shared}: Org1's collection that anyone may read
     * and write through the chaincode.
     */
    static final CollectionConfigPackage COLLECTIONS = CollectionConfigPackage.newBuilder()
            .addConfig(collection("secret", true)).addConfig(collection("shared", false)).build();

    private static CollectionConfig collection(String name, boolean memberOnly) {
        return CollectionConfig.newBuilder().setStaticCollectionConfig(StaticCollectionConfig.newBuilder()
                .setName(name).setMemberOnlyRead(memberOnly).setMemberOnlyWrite(memberOnly)
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder()
                        .setSignaturePolicy(PolicyDsl.parse("OR('Org1MSP.member')")))).build();
    }

    /** A transaction the fake chaincode runs: its simulator and the execution's outcome. */
    private record RunningTx(String txid, TxSimulator sim, CompletableFuture<ChaincodeMessage> result) {
    }

    private RunningTx start(FakeChaincode cc, String txid, SignedProposal proposal) throws InterruptedException {
        TxSimulator sim = ledger.ledger().newTxSimulator(txid);
        CompletableFuture<ChaincodeMessage> result = executeAsync(txid, proposal, sim);
        assertThat(cc.next().getType()).isEqualTo(Type.TRANSACTION);
        return new RunningTx(txid, sim, result);
    }

    /** The chaincode completes with status 200; the simulation's results. */
    private static SimulationResults finish(FakeChaincode cc, RunningTx tx) throws Exception {
        cc.send(completed(tx.txid(), 200, ""));
        assertThat(tx.result().get(10, TimeUnit.SECONDS).getType()).isEqualTo(Type.COMPLETED);
        try {
            return tx.sim().getTxSimulationResults();
        } finally {
            tx.sim().done();
        }
    }

    private static ChaincodeMessage ok(FakeChaincode cc) throws InterruptedException {
        ChaincodeMessage m = cc.next();
        assertThat(m.getType()).as(m.getPayload().toStringUtf8()).isEqualTo(Type.RESPONSE);
        return m;
    }

    private static String error(FakeChaincode cc) throws InterruptedException {
        ChaincodeMessage m = cc.next();
        assertThat(m.getType()).isEqualTo(Type.ERROR);
        return m.getPayload().toStringUtf8();
    }

    /** Sends a request and expects Fabric's ERROR: {@code <TYPE> failed: transaction ID: <txid>: <reason>}. */
    private static void refused(FakeChaincode cc, Type type, String txid, com.google.protobuf.Message request,
            String reason) throws InterruptedException {
        cc.send(type, CH, txid, request);
        assertThat(error(cc)).isEqualTo(type + " failed: transaction ID: " + txid + ": " + reason);
    }

    private static GetState get(String collection, String key) {
        return GetState.newBuilder().setCollection(collection).setKey(key).build();
    }

    private static PutState put(String collection, String key, String value) {
        return PutState.newBuilder().setCollection(collection).setKey(key).setValue(ByteString.copyFromUtf8(value))
                .build();
    }

    private static DelState del(String collection, String key) {
        return DelState.newBuilder().setCollection(collection).setKey(key).build();
    }

    @Test
    void privateDataFollowsTheCollectionsMemberPoliciesWithFabricsErrors() throws Exception {
        ledger = new ChaincodeLedgerFixture(dir, COLLECTIONS);
        channelConfig = ledger.config();
        FakeChaincode cc = registered(CC + ":1.0");
        String denied = "tx creator does not have %s access permission on privatedata in chaincodeName:mycc "
                + "collectionName: secret";

        // Org2's peer is not a member of secret, which is member-only
        RunningTx tx = start(cc, "p1", ChaincodeLedgerFixture.proposal(ledger.org2Peer(), java.util.Map.of(), "f"));
        refused(cc, Type.PUT_STATE, "p1", put("secret", "k", "v"), denied.formatted("write"));
        refused(cc, Type.DEL_STATE, "p1", del("secret", "k"), denied.formatted("write"));
        refused(cc, Type.GET_STATE, "p1", get("secret", "k"), denied.formatted("read"));
        refused(cc, Type.GET_STATE_BY_RANGE, "p1", GetStateByRange.newBuilder().setCollection("secret").build(),
                denied.formatted("read"));
        refused(cc, Type.GET_QUERY_RESULT, "p1",
                GetQueryResult.newBuilder().setCollection("secret").setQuery("{}").build(), denied.formatted("read"));
        refused(cc, Type.GET_STATE_METADATA, "p1",
                GetStateMetadata.newBuilder().setCollection("secret").setKey("k").build(), denied.formatted("read"));
        // hashes need no membership; a collection the chaincode does not define is refused either way
        cc.send(Type.GET_PRIVATE_DATA_HASH, CH, "p1", get("secret", "k"));
        assertThat(ok(cc).getPayload()).isEmpty();
        refused(cc, Type.GET_PRIVATE_DATA_HASH, "p1", get("nope", "k"),
                "collection [nope] not defined in the collection config for chaincode [mycc]");
        refused(cc, Type.GET_STATE, "p1", get("nope", "k"), "collection testchannel/mycc/nope could not be found");
        // an implicit collection exists for any MSP ID, yet the ledger knows only the channel's orgs
        refused(cc, Type.PUT_STATE, "p1", put("_implicit_org_Nobody", "k", "v"),
                "collection [_implicit_org_Nobody] not defined in the collection config for chaincode [mycc]");
        // not member-only: anyone writes, through the chaincode, to shared and to any org's implicit collection
        cc.send(Type.PUT_STATE, CH, "p1", put("shared", "s", "sv"));
        ok(cc);
        cc.send(Type.PUT_STATE, CH, "p1", put("_implicit_org_Org1MSP", "i", "iv"));
        ok(cc);
        refused(cc, Type.PURGE_PRIVATE_DATA, "p1", del("shared", "s"),
                "purge private data is not enabled, channel application capability of V2_5 or later is required");
        SimulationResults p1 = finish(cc, tx);
        // private writes: hashes in the public read-write set, values in the private one; the collection configs
        // were read from _lifecycle through the simulation, as Fabric's collection store reads them
        assertThat(p1.pub().getNsRwsetList()).extracting(n -> n.getNamespace()).containsExactly("_lifecycle", CC);
        NsReadWriteSet pubNs = p1.pub().getNsRwset(1);
        assertThat(KVRWSet.parseFrom(pubNs.getRwset()).getWritesList()).isEmpty();
        assertThat(pubNs.getCollectionHashedRwsetList()).extracting(c -> c.getCollectionName())
                .containsExactly("_implicit_org_Org1MSP", "secret", "shared"); // secret: the hash read
        HashedRWSet hashed = HashedRWSet.parseFrom(pubNs.getCollectionHashedRwset(2).getHashedRwset());
        assertThat(hashed.getHashedWritesList()).singleElement().satisfies(w -> {
            assertThat(w.getKeyHash()).isEqualTo(sha256("s"));
            assertThat(w.getValueHash()).isEqualTo(sha256("sv"));
        });
        assertThat(p1.pvt().getNsPvtRwsetList()).singleElement().satisfies(ns -> {
            assertThat(ns.getNamespace()).isEqualTo(CC);
            assertThat(ns.getCollectionPvtRwsetList()).extracting(c -> c.getCollectionName())
                    .containsExactly("_implicit_org_Org1MSP", "shared");
            assertThat(KVRWSet.parseFrom(ns.getCollectionPvtRwset(1).getRwset()).getWritesList())
                    .extracting(w -> w.getKey() + "=" + w.getValue().toStringUtf8()).containsExactly("s=sv");
        });

        // User1 of Org1 is a member: reads and writes secret
        tx = start(cc, "p2", ChaincodeLedgerFixture.proposal(ledger.org1Client(), java.util.Map.of(), "f"));
        cc.send(Type.GET_STATE, CH, "p2", get("secret", "k"));
        assertThat(ok(cc).getPayload()).isEmpty();
        cc.send(Type.PUT_STATE, CH, "p2", put("secret", "k", "v"));
        ok(cc);
        cc.send(Type.DEL_STATE, CH, "p2", del("secret", "gone"));
        ok(cc);
        cc.send(Type.PUT_STATE_METADATA, CH, "p2", PutStateMetadata.newBuilder().setCollection("secret").setKey("k")
                .setMetadata(StateMetadata.newBuilder().setMetakey("VALIDATION_PARAMETER")
                        .setValue(ByteString.copyFromUtf8("ep")))
                .build());
        ok(cc);
        refused(cc, Type.GET_STATE_BY_RANGE, "p2", GetStateByRange.newBuilder().setCollection("secret").build(),
                "txid [p2]: unsuppored transaction. Queries on pvt data is supported only in a read-only transaction");
        SimulationResults p2 = finish(cc, tx);
        NsReadWriteSet secret = p2.pub().getNsRwset(1);
        assertThat(secret.getCollectionHashedRwsetList()).singleElement().satisfies(c -> {
            HashedRWSet h = HashedRWSet.parseFrom(c.getHashedRwset());
            assertThat(h.getHashedReadsList()).extracting(r -> r.getKeyHash()).containsExactly(sha256("k"));
            assertThat(h.getHashedWritesList()).extracting(w -> w.getKeyHash(), w -> w.getIsDelete())
                    .containsExactlyInAnyOrder(tuple(sha256("k"), false), tuple(sha256("gone"), true));
            assertThat(h.getMetadataWritesList()).singleElement()
                    .satisfies(m -> assertThat(m.getEntries(0).getName()).isEqualTo("VALIDATION_PARAMETER"));
        });
        cc.close();
    }

    private static ByteString sha256(String s) {
        return ByteString.copyFrom(io.weft.protoutil.Hashing.sha256(ByteString.copyFromUtf8(s)));
    }

    @Test
    void metadataPurgeAndRichQueriesFollowTheChannelsCapabilitiesAndTheStateDatabase() throws Exception {
        ledger = new ChaincodeLedgerFixture(dir, COLLECTIONS);
        FakeChaincode cc = registered(CC + ":1.0");
        SignedProposal org1 = ChaincodeLedgerFixture.proposal(ledger.org1Client(), java.util.Map.of(), "f");
        GetStateMetadata getMetadata = GetStateMetadata.newBuilder().setKey("k").build();
        PutStateMetadata putMetadata = PutStateMetadata.newBuilder().setKey("k").setMetadata(StateMetadata
                .newBuilder().setMetakey("VALIDATION_PARAMETER").setValue(ByteString.copyFromUtf8("policy"))).build();

        // read-only: rich queries are CouchDB's; LevelDB answers Fabric's errors
        channelConfig = ledger.config();
        RunningTx tx = start(cc, "q1", org1);
        refused(cc, Type.GET_QUERY_RESULT, "q1", GetQueryResult.newBuilder().setQuery("{\"selector\":{}}").build(),
                "ExecuteQuery not supported for leveldb");
        refused(cc, Type.GET_QUERY_RESULT, "q1", GetQueryResult.newBuilder().setQuery("{}")
                .setMetadata(QueryMetadata.newBuilder().setPageSize(10).build().toByteString()).build(),
                "ExecuteQueryWithMetadata not supported for leveldb");
        refused(cc, Type.GET_QUERY_RESULT, "q1",
                GetQueryResult.newBuilder().setCollection("secret").setQuery("{}").build(),
                "ExecuteQuery not supported for leveldb");
        cc.send(Type.GET_STATE_BY_RANGE, CH, "q1", GetStateByRange.newBuilder().setCollection("secret").build());
        QueryResponse empty = queryResponse(ok(cc));
        assertThat(empty.getResultsList()).isEmpty();
        assertThat(empty.getHasMore()).isFalse();
        refused(cc, Type.PUT_STATE, "q1", put("secret", "k", "v"),
                "txid [q1]: unsuppored transaction. Transaction has already performed queries on pvt data. Writes are "
                        + "not allowed");
        // without the channel's config, nothing that needs it works
        channelConfig = null;
        refused(cc, Type.GET_STATE_METADATA, "q1", getMetadata, "application config does not exist for testchannel");
        refused(cc, Type.GET_STATE, "q1", get("shared", "k"), "could not get channelconfig for channel testchannel");
        finish(cc, tx);

        // key-level endorsement needs Application V1_3 or later, purging V2_5
        channelConfig = ledger.configWithApplicationCapability("V1_2");
        tx = start(cc, "m1", org1);
        refused(cc, Type.PUT_STATE_METADATA, "m1", putMetadata,
                "key level endorsement is not enabled, channel application capability of V1_3 or later is required");
        finish(cc, tx);

        channelConfig = ledger.configWithApplicationCapability("V2_5");
        tx = start(cc, "m2", org1);
        cc.send(Type.PUT_STATE_METADATA, CH, "m2", putMetadata);
        ok(cc);
        cc.send(Type.GET_STATE_METADATA, CH, "m2", getMetadata);
        assertThat(StateMetadataResult.parseFrom(ok(cc).getPayload()).getEntriesList()).isEmpty(); // committed only
        refused(cc, Type.PURGE_PRIVATE_DATA, "m2", del("", "k"), "only applicable for private data");
        cc.send(Type.PURGE_PRIVATE_DATA, CH, "m2", del("secret", "k"));
        ok(cc);
        SimulationResults m2 = finish(cc, tx);
        KVRWSet pub = KVRWSet.parseFrom(m2.pub().getNsRwset(1).getRwset());
        assertThat(pub.getMetadataWritesList()).singleElement().satisfies(w -> {
            assertThat(w.getKey()).isEqualTo("k");
            assertThat(w.getEntriesList()).singleElement().satisfies(e -> {
                assertThat(e.getName()).isEqualTo("VALIDATION_PARAMETER");
                assertThat(e.getValue().toStringUtf8()).isEqualTo("policy");
            });
        });
        assertThat(HashedRWSet.parseFrom(m2.pub().getNsRwset(1).getCollectionHashedRwset(0).getHashedRwset())
                .getHashedWritesList()).singleElement().satisfies(w -> {
                    assertThat(w.getIsPurge()).isTrue();
                    assertThat(w.getIsDelete()).isTrue();
                });

        // Fabric 2.5 knows no write batches nor multiple-key reads (3.x): the stream ends
        cc.send(Type.WRITE_BATCH_STATE, CH, "m3", null);
        assertThat(cc.ended.get(10, TimeUnit.SECONDS)).hasMessageContaining(
                "[m3] Fabric side handler cannot handle message (WRITE_BATCH_STATE) while in ready state");
    }
}
