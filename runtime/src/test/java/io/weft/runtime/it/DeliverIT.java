package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekOldest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.api.identity.SigningIdentity;
import io.weft.core.committer.CommitterFixtures;
import io.weft.protoutil.Envelopes;

/**
 * The running peer serves {@code protos.Deliver} on {@code peer.listenAddress}: after joining mychannel and committing
 * blocks, a client of an application org reads them back filtered, with their validation codes; the orderer's
 * identity is refused.
 */
class DeliverIT {

    private static final String CC = "basic";

    @TempDir
    Path work;

    @Test
    void committedBlocksAreDeliveredFilteredToChannelReadersOnly() throws Exception {
        CommitterFixtures fx = CommitterFixtures.get();
        int port = FreePorts.next();
        try (InProcessPeer peer = new InProcessPeer(work, Map.of("peer.mspConfigPath", Vectors.org1PeerMsp().toString(),
                "peer.localMspId", "Org1MSP", "peer.listenAddress", "127.0.0.1:" + port, "peer.tls.enabled", "false"))) {
            CommittersProxy committers = new CommittersProxy(peer.context());
            committers.join(fx.genesis.toByteArray());
            OrdererBlocks blocks = new OrdererBlocks(fx);
            committers.commit("mychannel", blocks.next(fx.defineChaincode(CC,
                    CommitterFixtures.signaturePolicy("OR('Org1MSP.peer','Org2MSP.peer')"),
                    CollectionConfigPackage.getDefaultInstance())));
            var tx = fx.tx().chaincode(CC).results(CommitterFixtures.rwset(CC, KVRWSet.newBuilder()
                    .addWrites(KVWrite.newBuilder().setKey("k").setValue(ByteString.copyFromUtf8("v"))).build()));
            committers.commit("mychannel", blocks.next(tx.endorsedBy(fx.peer1).build(), tx.endorsedBy().build()));

            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                Iterator<DeliverResponse> filtered = deliverFiltered(channel, fx.user1);
                assertThat(filtered.next().getFilteredBlock().getNumber()).isZero();
                assertThat(filtered.next().getFilteredBlock().getNumber()).isEqualTo(1L);
                assertThat(filtered.next().getFilteredBlock().getFilteredTransactionsList())
                        .extracting(FilteredTransaction::getTxValidationCode)
                        .containsExactly(TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
                assertThat(filtered.next().getStatus()).isEqualTo(Status.SUCCESS);

                Iterator<DeliverResponse> refused = deliverFiltered(channel, fx.orderer);
                assertThat(refused.next().getStatus()).isEqualTo(Status.FORBIDDEN);
                assertThat(refused.hasNext()).isFalse();
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Oldest to newest on mychannel, signed by {@code signer}; the request is sent and the stream half-closed. */
    private static Iterator<DeliverResponse> deliverFiltered(ManagedChannel channel, SigningIdentity signer) {
        SeekInfo seek = SeekInfo.newBuilder()
                .setStart(SeekPosition.newBuilder().setOldest(SeekOldest.getDefaultInstance()))
                .setStop(SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance())).build();
        Envelope request = Envelopes.signed(HeaderType.DELIVER_SEEK_INFO_VALUE, "mychannel", signer, seek);
        java.util.concurrent.BlockingQueue<Object> received = new java.util.concurrent.LinkedBlockingQueue<>();
        Object end = new Object();
        StreamObserver<Envelope> requests = DeliverGrpc.newStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .deliverFiltered(new StreamObserver<>() {
                    @Override
                    public void onNext(DeliverResponse value) {
                        received.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        received.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        received.add(end);
                    }
                });
        requests.onNext(request);
        requests.onCompleted();
        return new Iterator<>() {
            private Object next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = received.poll(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                if (next instanceof Throwable t) {
                    throw new AssertionError("the stream failed", t);
                }
                return next != null && next != end;
            }

            @Override
            public DeliverResponse next() {
                assertThat(hasNext()).as("another response").isTrue();
                DeliverResponse r = (DeliverResponse) next;
                next = null;
                return r;
            }
        };
    }
}
