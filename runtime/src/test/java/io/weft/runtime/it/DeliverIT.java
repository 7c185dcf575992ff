package io.weft.runtime.it;

import static io.weft.deliver.SeekRequests.newest;
import static io.weft.deliver.SeekRequests.oldest;
import static io.weft.deliver.SeekRequests.request;
import static io.weft.deliver.SeekRequests.seek;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.weft.core.committer.CommitterFixtures;
import io.weft.core.deliver.DeliverCall;

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
                DeliverGrpc.DeliverStub stub = DeliverGrpc.newStub(channel);
                DeliverCall filtered = DeliverCall.open(stub::deliverFiltered)
                        .send(request(fx.user1, "mychannel", seek(oldest(), newest())));
                assertThat(filtered.next().getFilteredBlock().getNumber()).isZero();
                assertThat(filtered.next().getFilteredBlock().getNumber()).isEqualTo(1L);
                assertThat(filtered.next().getFilteredBlock().getFilteredTransactionsList())
                        .extracting(FilteredTransaction::getTxValidationCode)
                        .containsExactly(TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
                assertThat(filtered.next().getStatus()).isEqualTo(Status.SUCCESS);

                DeliverCall refused = DeliverCall.open(stub::deliver)
                        .send(request(fx.orderer, "mychannel", seek(oldest(), newest())));
                assertThat(refused.blocksUntilStatus(Status.FORBIDDEN)).isEmpty();
                assertThat(refused.ended().isOk()).isTrue();
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
