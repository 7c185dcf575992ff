package io.weft.core.deliver;

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
import io.weft.deliver.DeliverSupport;
import io.weft.deliver.TlsBinding;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.Msps;
import io.weft.testing.FabricVectors;

/**
 * The Deliver service of peer0.org1 served in plaintext on a free loopback port, over the fixture's mychannel ledger
 * and committer, with a real gRPC client channel to it. Closing it stops both, and closes the ledger it was
 * {@linkplain #over given}.
 */
final class LoopbackDeliver implements AutoCloseable {

    final LongAdder blocksSent = new LongAdder();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final DeliverService service;
    private final Server server;
    private final ManagedChannel channel;
    private final ChaincodeLedgerFixture ledger;
    private final boolean ownsLedger;

    /** Deliver over {@code ledger}, which it closes when closed. */
    static LoopbackDeliver over(ChaincodeLedgerFixture ledger) throws Exception {
        return new LoopbackDeliver(ledger, false, true);
    }

    /** Another Deliver over a ledger some other one owns; {@code mutualTls} as if the peer required client certs. */
    static LoopbackDeliver alsoOver(ChaincodeLedgerFixture ledger, boolean mutualTls) throws Exception {
        return new LoopbackDeliver(ledger, mutualTls, false);
    }

    private LoopbackDeliver(ChaincodeLedgerFixture ledger, boolean mutualTls, boolean ownsLedger) throws Exception {
        this.ledger = ledger;
        this.ownsLedger = ownsLedger;
        AclProvider acl = new AclProvider(Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org1().resolve("peers/peer0.org1.example.com/msp"), "Org1MSP")).msp());
        DeliverChannel mychannel = new DeliverChannel(ledger.committer());
        DeliverSupport<DeliverChannel> support = new DeliverSupport<>(
                id -> id.equals(CommitterFixtures.CHANNEL) ? Optional.of(mychannel) : Optional.empty(),
                Duration.ofMinutes(15), new TlsBinding(mutualTls), Clock.systemUTC(), executor, blocksSent);
        service = new DeliverService(support, acl);
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(service.definition()).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    ManagedChannel channel() {
        return channel;
    }

    /** What the component does when it is deactivated. */
    void stopService() {
        service.stop();
    }

    ChaincodeLedgerFixture ledger() {
        return ledger;
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        executor.shutdownNow();
        if (ownsLedger) {
            ledger.close();
        }
    }
}
