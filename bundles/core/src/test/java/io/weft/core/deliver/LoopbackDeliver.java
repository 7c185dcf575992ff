package io.weft.core.deliver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.weft.acl.AclProvider;
import io.weft.core.committer.ChaincodeLedgerFixture;
import io.weft.core.committer.CommitterFixtures;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.Msps;
import io.weft.testing.FabricVectors;

/**
 * The Deliver service of peer0.org1 served in plaintext on a free loopback port, over the fixture's mychannel ledger
 * and committer, with a real gRPC client channel to it. Closing it stops both.
 */
final class LoopbackDeliver implements AutoCloseable {

    final LongAdder blocksSent = new LongAdder();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Server server;
    private final ManagedChannel channel;

    LoopbackDeliver(ChaincodeLedgerFixture ledger, boolean mutualTls) throws Exception {
        AclProvider acl = new AclProvider(Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org1().resolve("peers/peer0.org1.example.com/msp"), "Org1MSP")).msp());
        DeliverChannel mychannel = new DeliverChannel(ledger.committer(), ledger.ledger());
        DeliverSupport support = new DeliverSupport(
                id -> id.equals(CommitterFixtures.CHANNEL) ? Optional.of(mychannel) : Optional.empty(), acl,
                Duration.ofMinutes(15), new TlsBinding(mutualTls), Clock.systemUTC(), executor, blocksSent);
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new DeliverService(support).definition()).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        executor.shutdownNow();
    }
}
