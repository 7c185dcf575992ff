package io.weft.core.committer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.core.delivery.AddressOverride;
import io.weft.core.delivery.BlockDeliverer;
import io.weft.core.delivery.OrdererDialer;
import io.weft.core.delivery.OrdererEndpoint;
import io.weft.core.delivery.OrdererEndpoints;
import io.weft.ledger.KvLedger;
import io.weft.protoutil.BlockHashes;

/**
 * The block delivery client against a scripted orderer (a real gRPC {@code AtomicBroadcast/Deliver} server): it asks
 * for the blocks from the ledger height on, reconnects after a status and after a block that fails the committer's
 * checks, and commits the blocks of the next connection. The channel's orderer address is replaced through
 * {@code peer.deliveryclient.addressOverrides}, as an operator would.
 */
class BlockDeliveryTest {

    @TempDir
    Path dir;

    CommitterTestBed bed;
    Server orderer;
    BlockDeliverer deliverer;
    final List<Envelope> seeks = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        if (deliverer != null) {
            deliverer.close();
        }
        if (orderer != null) {
            orderer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (bed != null) {
            bed.close();
        }
    }

    /** An envelope of mychannel; the committer marks it invalid, which does not keep its block out. */
    static Envelope tx(int n) {
        ChannelHeader chdr = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(CommitterFixtures.CHANNEL).setTxId("tx" + n).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(chdr.toByteString())
                .setSignatureHeader(SignatureHeader.getDefaultInstance().toByteString())).build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).setSignature(ByteString.copyFromUtf8("s"))
                .build();
    }

    @Test
    void blocksFromTheLedgerHeightAreCommittedAfterReconnectingPastABadStatusAndABadBlock() throws Exception {
        bed = new CommitterTestBed(dir);
        KvLedger ledger = bed.ledger("delivery");
        BlockCommitter committer = bed.committer(ledger, 1);
        List<Block> chain = new ArrayList<>();
        byte[] previous = ledger.info().getCurrentBlockHash().toByteArray();
        for (long n = ledger.height(); n < 5; n++) {
            Block b = CommitterFixtures.block(n, previous, bed.fx.orderer, tx((int) n).toByteString());
            chain.add(b);
            previous = BlockHashes.headerHash(b.getHeader());
        }
        Block forged = CommitterFixtures.block(2, ledger.info().getCurrentBlockHash().toByteArray(), bed.fx.user1,
                tx(2).toByteString());

        orderer = NettyServerBuilder.forPort(0).addService(new AtomicBroadcastGrpc.AtomicBroadcastImplBase() {
            @Override
            public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> out) {
                return new StreamObserver<>() {
                    @Override
                    public void onNext(Envelope seek) {
                        seeks.add(seek);
                        switch (seeks.size()) {
                            case 1 -> { // the orderer is not ready
                                out.onNext(DeliverResponse.newBuilder().setStatus(Status.SERVICE_UNAVAILABLE).build());
                                out.onCompleted();
                            }
                            case 2 -> out.onNext(DeliverResponse.newBuilder().setBlock(forged).build());
                            default -> chain.forEach(b -> out.onNext(DeliverResponse.newBuilder().setBlock(b).build()));
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                        out.onCompleted();
                    }
                };
            }
        }).build().start();

        Map<String, AddressOverride> overrides = new java.util.HashMap<>();
        for (OrdererEndpoint endpoint : OrdererEndpoints.of(bed.fx.config)) {
            overrides.put(endpoint.address(), new AddressOverride(endpoint.address(), "127.0.0.1:" + orderer.getPort(),
                    List.of()));
        }
        assertThat(overrides).isNotEmpty();
        deliverer = new BlockDeliverer(committer, bed.fx.peer1,
                new OrdererDialer(OrdererDialer.ClientTls.PLAINTEXT, Duration.ofSeconds(3)),
                new BlockDeliverer.Settings(Duration.ofSeconds(1), Duration.ofHours(1), overrides)).start();

        eventually(() -> ledger.height() == 5);
        assertThat(seeks).hasSize(3);
        assertThat(ledger.info().getCurrentBlockHash().toByteArray())
                .isEqualTo(BlockHashes.headerHash(chain.get(chain.size() - 1).getHeader()));

        Payload payload = Payload.parseFrom(seeks.get(2).getPayload());
        ChannelHeader chdr = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        assertThat(chdr.getType()).isEqualTo(HeaderType.DELIVER_SEEK_INFO_VALUE);
        assertThat(chdr.getChannelId()).isEqualTo(CommitterFixtures.CHANNEL);
        assertThat(SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader()).getCreator())
                .isEqualTo(bed.fx.peer1.serialize());
        SeekInfo seek = SeekInfo.parseFrom(payload.getData());
        assertThat(seek.getStart().getSpecified().getNumber()).isEqualTo(2);
        assertThat(seek.getStop().getSpecified().getNumber()).isEqualTo(-1L); // Go's MaxUint64
        assertThat(seek.getBehavior()).isEqualTo(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY);
    }

    @Test
    void backoffGrowsByFabricsFactorUpToTheThreshold() {
        assertThat(BlockDeliverer.backoff(1, Duration.ofHours(1))).isEqualTo(Duration.ofMillis(100));
        assertThat(BlockDeliverer.backoff(2, Duration.ofHours(1))).isEqualTo(Duration.ofMillis(120));
        assertThat(BlockDeliverer.backoff(4, Duration.ofHours(1))).isEqualTo(Duration.ofMillis(172));
        assertThat(BlockDeliverer.backoff(100, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
