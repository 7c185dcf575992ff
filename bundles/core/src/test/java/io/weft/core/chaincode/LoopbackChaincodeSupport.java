package io.weft.core.chaincode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;

/**
 * Chaincode support served in plaintext on a free loopback port, for tests that connect chaincodes to it (scripted
 * ones, the real shim in this JVM or a chaincode process). Closing it ends every chaincode stream and the server.
 */
public final class LoopbackChaincodeSupport implements AutoCloseable {

    private final ChaincodeSupport support;
    private final Server server;

    public LoopbackChaincodeSupport(ChaincodeSupport support) throws IOException {
        this(support, new ChaincodeTls(Optional.empty()));
    }

    /**
     * Served with {@code tls} as the peer's chaincode listener serves it: with TLS on, its server certificate must
     * name 127.0.0.1, and only chaincodes with a client certificate from {@code tls} may register.
     */
    public LoopbackChaincodeSupport(ChaincodeSupport support, ChaincodeTls tls) throws IOException {
        this.support = support;
        tls.authenticator().ifPresent(support::authenticateWith);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        tls.serverContext().ifPresent(builder::sslContext);
        this.server = builder.addService(support.service()).build().start();
    }

    /** With a 30 s execute timeout and no keepalive. */
    public LoopbackChaincodeSupport() throws IOException {
        this(new ChaincodeSupport(30_000, 0));
    }

    public ChaincodeSupport support() {
        return support;
    }

    public int port() {
        return server.getPort();
    }

    /** {@code 127.0.0.1:<port>}, as a chaincode is told the peer's address. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() throws InterruptedException {
        support.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
