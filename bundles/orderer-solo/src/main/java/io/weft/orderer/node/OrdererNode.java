package io.weft.orderer.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Block;

import io.weft.api.identity.SigningIdentity;
import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StorageProvider;
import io.weft.api.storage.StoreOptions;
import io.weft.bccsp.Bccsp;
import io.weft.comm.GrpcServerSettings;
import io.weft.comm.HostPort;
import io.weft.comm.NettyGrpcServer;
import io.weft.orderer.BlockStoreLedgers;
import io.weft.orderer.BroadcastHandler;
import io.weft.orderer.BroadcastService;
import io.weft.orderer.ChainException;
import io.weft.orderer.ChainRegistry;
import io.weft.orderer.OrdererDeliver;

/**
 * A running orderer (Fabric's {@code orderer/common/server.Main}): the file ledger under {@code FileLedger.Location}
 * (block files in {@code chains/}, their index in {@code index/} on the storage backend), the system channel written
 * from the bootstrap block when one is given and no channel exists yet, every channel found there started, and
 * {@code orderer.AtomicBroadcast} served on the gRPC listener. Closing stops the listener first, then halts the
 * chains and closes the ledgers and the index.
 */
final class OrdererNode implements AutoCloseable {

    private final KeyValueStore index;
    private final ChainRegistry registry;
    private final NettyGrpcServer server;
    private final HostPort address;

    private final OrdererDeliver deliver;

    private OrdererNode(KeyValueStore index, ChainRegistry registry, OrdererDeliver deliver, NettyGrpcServer server,
            HostPort address) {
        this.deliver = deliver;
        this.index = index;
        this.registry = registry;
        this.server = server;
        this.address = address;
    }

    /**
     * Opens the ledger, bootstraps the system channel from {@code bootstrapBlock} when given, starts the existing
     * channels, then the listener; on failure closes what it opened.
     */
    static OrdererNode start(GrpcServerSettings grpc, Path location, StorageProvider storage, SigningIdentity signer,
            Bccsp bccsp, Clock clock, Duration timeWindow, Optional<Block> bootstrapBlock)
            throws IOException, ChainException {
        Files.createDirectories(location);
        KeyValueStore index = storage.open(location.resolve("index"), StoreOptions.defaults());
        ChainRegistry registry = new ChainRegistry(new BlockStoreLedgers(location.resolve("chains"), index), signer,
                bccsp, clock);
        OrdererDeliver deliver = new OrdererDeliver(registry::chain, timeWindow, clock);
        try {
            if (bootstrapBlock.isPresent()) {
                registry.bootstrap(bootstrapBlock.get());
            }
            registry.startExisting();
            NettyGrpcServer server = NettyGrpcServer.start(grpc, "weft-orderer", 2,
                    b -> b.addService(new BroadcastService(new BroadcastHandler(registry::broadcastTarget), deliver)));
            return new OrdererNode(index, registry, deliver, server, server.bound(grpc.address()));
        } catch (IOException | ChainException | RuntimeException e) {
            deliver.close();
            registry.close();
            index.close();
            throw e;
        }
    }

    ChainRegistry registry() {
        return registry;
    }

    /** The listener's address, with the port it bound. */
    HostPort address() {
        return address;
    }

    @Override
    public void close() {
        server.stop();
        deliver.close();
        registry.close();
        index.close();
    }
}
