package io.weft.runtime.cli.client;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.comm.GrpcClientSettings;
import io.weft.runtime.cli.CliException;

/** A gRPC connection to the peer named by {@code peer.address} and its TLS settings, as Fabric's CLI opens it. */
abstract class PeerClient implements AutoCloseable {

    private final NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("weft-cli", true));
    final ClientEnvironment env;
    final ManagedChannel channel;
    private final String address;

    PeerClient(ClientEnvironment env, String role) {
        this.env = env;
        GrpcClientSettings settings = PeerConnections.fromConfig(env.config());
        this.address = settings.address().toString();
        try {
            channel = settings.connect(group);
        } catch (IOException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new CliException(role + " client failed to connect to " + settings.address() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The peer's {@code host:port}, as messages name it. */
    public String address() {
        return address;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
}
