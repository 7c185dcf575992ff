package io.weft.runtime.cli.client;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.MessageLite;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.AdminGrpc;
import org.hyperledger.fabric.protos.peer.AdminOperation;

import io.grpc.ManagedChannel;
import io.weft.comm.GrpcClientSettings;
import io.weft.protoutil.Envelopes;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.runtime.cli.CliException;

/**
 * The peer's {@code protos.Admin} service as Fabric 1.4's CLI uses it: every request is a
 * PEER_ADMIN_OPERATION envelope signed by the local MSP's identity.
 */
public final class AdminClient implements AutoCloseable {

    /** Fabric 1.4's {@code HeaderType.PEER_ADMIN_OPERATION}. */
    static final int PEER_ADMIN_OPERATION = 8;

    private final ClientEnvironment env;
    private final NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("weft-cli", true));
    private final ManagedChannel channel;
    private final AdminGrpc.AdminBlockingStub stub;

    public AdminClient(ClientEnvironment env) {
        this.env = env;
        GrpcClientSettings settings = PeerConnections.fromConfig(env.config());
        try {
            channel = settings.connect(group);
        } catch (IOException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new CliException("admin client failed to connect to " + settings.address() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
        stub = AdminGrpc.newBlockingStub(channel);
    }

    /** The stub with a fresh deadline. */
    public AdminGrpc.AdminBlockingStub stub() {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** {@code operation} wrapped and signed for the Admin service. */
    public Envelope envelope(MessageLite operation) {
        return Envelopes.signed(PEER_ADMIN_OPERATION, "", env.signer(), operation);
    }

    /** An empty operation (status, revert, get spec). */
    public Envelope envelope() {
        return envelope(AdminOperation.getDefaultInstance());
    }

    @Override
    public void close() {
        channel.shutdownNow();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
}
