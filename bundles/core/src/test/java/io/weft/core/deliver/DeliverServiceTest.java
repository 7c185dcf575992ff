package io.weft.core.deliver;

import static io.weft.deliver.SeekRequests.newest;
import static io.weft.deliver.SeekRequests.oldest;
import static io.weft.deliver.SeekRequests.request;
import static io.weft.deliver.SeekRequests.seek;
import static io.weft.deliver.SeekRequests.specified;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

import io.weft.api.identity.SigningIdentity;
import io.weft.core.committer.ChaincodeLedgerFixture;
import io.weft.core.committer.CommitterFixtures;

/**
 * {@code protos.Deliver} over a real gRPC connection on mychannel's ledger (blocks 0 and 1 committed, more committed
 * by the tests through the channel's committer): seek positions, several requests on one stream, waiting for new
 * blocks, and Fabric's status for every refusal.
 */
class DeliverServiceTest {

    private static final String CHANNEL = CommitterFixtures.CHANNEL;

    @TempDir
    Path dir;

    private ChaincodeLedgerFixture ledger;
    private LoopbackDeliver deliver;
    private DeliverGrpc.DeliverStub stub;
    private SigningIdentity client;

    @BeforeEach
    void setUp() throws Exception {
        deliver = LoopbackDeliver.over(new ChaincodeLedgerFixture(dir));
        ledger = deliver.ledger();
        stub = DeliverGrpc.newStub(deliver.channel());
        client = ledger.org1Client();
    }

    @AfterEach
    void tearDown() throws Exception {
        deliver.close();
    }

    private Envelope write(String key) {
        return ledger.tx().results(CommitterFixtures.rwset(ChaincodeLedgerFixture.CC,
                KVRWSet.newBuilder().addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(key)))
                        .build()))
                .endorsedBy(ledger.org1Peer()).build();
    }

    private DeliverCall deliver(SeekInfo seek) {
        return DeliverCall.open(stub::deliver).send(request(client, CHANNEL, seek));
    }

    @Test
    void oldestToNewestThenAnotherRequestOnTheSameStream() throws Exception {
        ledger.commitBlock(write("a"));

        DeliverCall call = deliver(seek(oldest(), newest()));

        assertThat(call.blocksUntilStatus(Status.SUCCESS)).containsExactly(0L, 1L, 2L);
        call.send(request(client, CHANNEL, seek(specified(1), specified(1))));
        assertThat(call.blocksUntilStatus(Status.SUCCESS)).containsExactly(1L);
        call.send(request(client, CHANNEL, seek(newest(), newest())));
        assertThat(call.blocksUntilStatus(Status.SUCCESS)).containsExactly(2L);
        call.halfClose();
        assertThat(call.ended().isOk()).isTrue();
    }

    @Test
    void fullBlocksAreTheCommittedOnes() throws Exception {
        var committed = ledger.commitBlock(write("a"));

        DeliverCall call = deliver(seek(specified(2), specified(2)));

        assertThat(call.next().getBlock()).isEqualTo(committed.block());
        assertThat(call.next().getStatus()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void specifiedRangeAndOldestStop() throws Exception {
        ledger.commitBlock(write("a"));
        ledger.commitBlock(write("b"));

        assertThat(deliver(seek(specified(1), specified(3))).blocksUntilStatus(Status.SUCCESS))
                .containsExactly(1L, 2L, 3L);
        assertThat(deliver(seek(specified(2), oldest())).blocksUntilStatus(Status.SUCCESS)).containsExactly(2L);
    }

    @Test
    void newestUnboundedReceivesBlocksCommittedAfterwards() throws Exception {
        DeliverCall call = deliver(seek(newest(), specified(-1L))); // stop at MaxUint64, as --waitForEvent asks

        assertThat(call.next().getBlock().getHeader().getNumber()).isEqualTo(1L);
        ledger.commitBlock(write("a"));
        assertThat(call.next().getBlock().getHeader().getNumber()).isEqualTo(2L);
        ledger.commitBlock(write("b"));
        assertThat(call.next().getBlock().getHeader().getNumber()).isEqualTo(3L);
        call.cancel();
    }

    @Test
    void openStreamsEndWithUnavailableWhenTheServiceStops() throws Exception {
        DeliverCall call = deliver(seek(newest(), specified(-1L)));
        assertThat(call.next().getBlock().getHeader().getNumber()).isEqualTo(1L);

        deliver.stopService();

        assertThat(call.ended().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
    }

    @Test
    void aRequestForTheNextBlockWaitsForIt() throws Exception {
        DeliverCall call = deliver(seek(specified(2), specified(2)));
        Thread.sleep(200);
        assertThat(call.responses).isEmpty();

        ledger.commitBlock(write("a"));

        assertThat(call.blocksUntilStatus(Status.SUCCESS)).containsExactly(2L);
    }

    @Test
    void failIfNotReadyBeyondTheHeightIsNotFoundAndEndsTheStream() throws Exception {
        DeliverCall call = deliver(seek(specified(1), specified(5)).toBuilder()
                .setBehavior(SeekInfo.SeekBehavior.FAIL_IF_NOT_READY).build());

        assertThat(call.blocksUntilStatus(Status.NOT_FOUND)).containsExactly(1L);
        assertThat(call.ended().isOk()).isTrue();
    }

    @Test
    void aStartAboveTheHeightIsNotFound() throws Exception {
        assertThat(deliver(seek(specified(3), specified(3))).blocksUntilStatus(Status.NOT_FOUND)).isEmpty();
    }

    @Test
    void badSeeksAreBadRequests() throws Exception {
        assertThat(deliver(seek(specified(1), specified(0))).blocksUntilStatus(Status.BAD_REQUEST)).isEmpty();
        assertThat(deliver(SeekInfo.newBuilder().setStart(oldest()).build()).blocksUntilStatus(Status.BAD_REQUEST))
                .isEmpty();
    }

    @Test
    void anUnknownChannelIsNotFound() throws Exception {
        DeliverCall call = DeliverCall.open(stub::deliver).send(request(client, "nochannel", seek(oldest(), newest())));

        assertThat(call.blocksUntilStatus(Status.NOT_FOUND)).isEmpty();
        assertThat(call.ended().isOk()).isTrue();
    }

    @Test
    void malformedEnvelopesAreBadRequests() throws Exception {
        Envelope good = request(client, CHANNEL, seek(oldest(), newest()));
        List<Envelope> malformed = List.of(
                Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("garbage")).build(),
                Envelope.getDefaultInstance(), // no header
                request(client, CHANNEL, seek(oldest(), newest()), h -> h.clearTimestamp()),
                request(client, CHANNEL, seek(oldest(), newest()), h -> h.setTimestamp(secondsAgo(Duration.ofMinutes(16)))),
                good.toBuilder().setPayload(good.getPayload().concat(ByteString.copyFrom(new byte[] {(byte) 0xff})))
                        .build());
        for (Envelope e : malformed) {
            DeliverCall call = DeliverCall.open(stub::deliver).send(e);
            assertThat(call.blocksUntilStatus(Status.BAD_REQUEST)).isEmpty();
            assertThat(call.ended().isOk()).isTrue();
        }
    }

    @Test
    void aSeekInfoThatDoesNotParseIsABadRequest() throws Exception {
        Envelope request = request(client, CHANNEL, seek(oldest(), newest()));
        DeliverCall call = DeliverCall.open(stub::deliver).send(request);
        assertThat(call.blocksUntilStatus(Status.SUCCESS)).hasSize(2);

        var payload = org.hyperledger.fabric.protos.common.Payload.parseFrom(request.getPayload()).toBuilder()
                .setData(ByteString.copyFrom(new byte[] {(byte) 0x0a, (byte) 0x05})).build().toByteString();
        DeliverCall bad = DeliverCall.open(stub::deliver).send(Envelope.newBuilder().setPayload(payload)
                .setSignature(ByteString.copyFrom(ledger.org1Client().sign(payload.toByteArray()))).build());
        assertThat(bad.blocksUntilStatus(Status.BAD_REQUEST)).isEmpty();
    }

    @Test
    void anUnsignedOrWronglySignedEnvelopeIsForbidden() throws Exception {
        Envelope signed = request(client, CHANNEL, seek(oldest(), newest()));

        for (ByteString signature : List.of(ByteString.EMPTY, ByteString.copyFromUtf8("not a signature"))) {
            DeliverCall call = DeliverCall.open(stub::deliver).send(signed.toBuilder().setSignature(signature).build());
            assertThat(call.blocksUntilStatus(Status.FORBIDDEN)).isEmpty();
        }
    }

    @Test
    void aNonMemberOfTheApplicationOrgsIsForbidden() throws Exception {
        Envelope byOrderer = request(ledger.ordererSigner(), CHANNEL, seek(oldest(), newest()));

        DeliverCall blocks = DeliverCall.open(stub::deliver).send(byOrderer);
        assertThat(blocks.blocksUntilStatus(Status.FORBIDDEN)).isEmpty();
        assertThat(blocks.ended().isOk()).isTrue();
        assertThat(DeliverCall.open(stub::deliverFiltered).send(byOrderer).blocksUntilStatus(Status.FORBIDDEN))
                .isEmpty();
        assertThat(DeliverCall.open(stub::deliverWithPrivateData).send(byOrderer)
                .blocksUntilStatus(Status.FORBIDDEN)).isEmpty();
    }

    @Test
    void underMutualTlsAnEnvelopeWithoutTheConnectionsCertificateIsABadRequest() throws Exception {
        try (LoopbackDeliver mutual = LoopbackDeliver.alsoOver(ledger, true)) {
            DeliverGrpc.DeliverStub plaintext = DeliverGrpc.newStub(mutual.channel());
            assertThat(DeliverCall.open(plaintext::deliver).send(request(client, CHANNEL, seek(oldest(), oldest())))
                    .blocksUntilStatus(Status.BAD_REQUEST)).isEmpty();
            assertThat(DeliverCall.open(plaintext::deliver).send(request(client, CHANNEL, seek(oldest(), oldest()),
                    h -> h.setTlsCertHash(ByteString.copyFrom(new byte[32])))).blocksUntilStatus(Status.BAD_REQUEST))
                    .isEmpty();
        }
    }

    @Test
    void filteredBlocksCarryCodesAndEventsWithoutPayloads() throws Exception {
        Envelope valid = ledger.tx().results(CommitterFixtures.rwset(ChaincodeLedgerFixture.CC,
                KVRWSet.newBuilder().addWrites(KVWrite.newBuilder().setKey("k").setValue(ByteString.copyFromUtf8("v")))
                        .build()))
                .events(ChaincodeEvent.newBuilder().setChaincodeId(ChaincodeLedgerFixture.CC).setTxId("tx")
                        .setEventName("sold").setPayload(ByteString.copyFromUtf8("secret")).build().toByteString())
                .endorsedBy(ledger.org1Peer()).build();
        Envelope unendorsed = ledger.tx().build();
        ledger.commitBlock(valid, unendorsed);

        DeliverCall call = DeliverCall.open(stub::deliverFiltered)
                .send(request(client, CHANNEL, seek(specified(2), specified(2))));

        FilteredBlock block = call.next().getFilteredBlock();
        assertThat(call.next().getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(block.getChannelId()).isEqualTo(CHANNEL);
        assertThat(block.getNumber()).isEqualTo(2L);
        assertThat(block.getFilteredTransactionsList()).extracting(FilteredTransaction::getTxid)
                .containsExactly(txId(valid), txId(unendorsed));
        assertThat(block.getFilteredTransactionsList()).extracting(FilteredTransaction::getType)
                .containsOnly(HeaderType.ENDORSER_TRANSACTION);
        assertThat(block.getFilteredTransactionsList()).extracting(FilteredTransaction::getTxValidationCode)
                .containsExactly(TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(block.getFilteredTransactions(0).getTransactionActions().getChaincodeActionsList())
                .singleElement().satisfies(a -> assertThat(a.getChaincodeEvent()).isEqualTo(ChaincodeEvent.newBuilder()
                        .setChaincodeId(ChaincodeLedgerFixture.CC).setTxId("tx").setEventName("sold").build()));
        assertThat(block.getFilteredTransactions(1).getTransactionActions().getChaincodeActionsList()).isEmpty();
    }

    @Test
    void theGenesisBlockFiltersToItsConfigTransaction() throws Exception {
        DeliverCall call = DeliverCall.open(stub::deliverFiltered)
                .send(request(client, CHANNEL, seek(oldest(), oldest())));

        FilteredBlock block = call.next().getFilteredBlock();
        assertThat(block.getNumber()).isZero();
        assertThat(block.getChannelId()).isEqualTo(CHANNEL);
        assertThat(block.getFilteredTransactionsList()).singleElement().satisfies(tx -> {
            assertThat(tx.getType()).isEqualTo(HeaderType.CONFIG);
            assertThat(tx.hasTransactionActions()).isFalse();
        });
    }

    @Test
    void blocksWithoutPrivateDataComeWithAnEmptyMap() throws Exception {
        DeliverCall call = DeliverCall.open(stub::deliverWithPrivateData)
                .send(request(client, CHANNEL, seek(oldest(), newest())));

        var first = call.next().getBlockAndPrivateData();
        assertThat(first.getBlock().getHeader().getNumber()).isZero();
        assertThat(first.getPrivateDataMapMap()).isEmpty();
        assertThat(call.blocksUntilStatus(Status.SUCCESS)).containsExactly(1L);
    }

    private static Timestamp secondsAgo(Duration d) {
        Instant t = Instant.now().minus(d);
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).build();
    }

    private static String txId(Envelope env) throws Exception {
        return org.hyperledger.fabric.protos.common.ChannelHeader.parseFrom(org.hyperledger.fabric.protos.common.Payload
                .parseFrom(env.getPayload()).getHeader().getChannelHeader()).getTxId();
    }
}
