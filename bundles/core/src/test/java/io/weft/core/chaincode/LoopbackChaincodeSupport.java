package io.weft.core.chaincode;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;

/**
 * Chaincode support served in plaintext on a free loopback port, for tests that connect chaincodes to it (scripted
 * ones, the real shim in this JVM or a chaincode process). Closing it ends every chaincode stream and the server.
 */
public final class LoopbackChaincodeSupport implements AutoCloseable {

    private final ChaincodeSupport support;
    private final Server server;

    public LoopbackChaincodeSupport(ChaincodeSupport support) throws IOException {
        this.support = support;
        this.server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(support.service()).build().start();
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
