package io.weft.core.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.weft.comm.TlsContexts;
import io.weft.core.chaincode.launch.ChaincodeLauncher;

/** The chaincode listener with TLS on: the CA's server certificate, and registration only with an issued one. */
class ChaincodeTlsTest {

    @TempDir
    Path dir;

    final ChaincodeTls tls = new ChaincodeTls(Optional.of("127.0.0.1"));
    LoopbackChaincodeSupport loopback;
    ManagedChannel channel;

    @AfterEach
    void tearDown() throws Exception {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (loopback != null) {
            loopback.close();
        }
    }

    /** A client as the chaincode's shim makes one from {@code chaincode.json}. */
    private FakeChaincode chaincodeWith(ChaincodeLauncher.Credentials c) throws Exception {
        loopback = new LoopbackChaincodeSupport(new ChaincodeSupport(30_000, 0), tls);
        Path root = Files.writeString(dir.resolve("root.pem"), c.rootCert());
        Path cert = Files.writeString(dir.resolve("client.pem"), c.clientCert());
        Path key = Files.writeString(dir.resolve("client.key"), c.clientKey());
        channel = NettyChannelBuilder.forAddress("127.0.0.1", loopback.port())
                .sslContext(TlsContexts.grpcClient(List.of(root), Optional.of(cert), Optional.of(key))).build();
        return new FakeChaincode(channel);
    }

    @Test
    void aChaincodeWithTheCertificateIssuedForItRegisters() throws Exception {
        try (FakeChaincode cc = chaincodeWith(tls.credentials().issue("kv:1").orElseThrow())) {
            cc.register("kv:1");
            assertThat(cc.next().getType()).isEqualTo(Type.REGISTERED);
            assertThat(cc.next().getType()).isEqualTo(Type.READY);
            assertThat(loopback.support().registry().isReady("kv:1")).isTrue();
        }
    }

    @Test
    void aChaincodeRegisteringUnderAnotherNameIsTurnedAway() throws Exception {
        FakeChaincode cc = chaincodeWith(tls.credentials().issue("kv:1").orElseThrow());
        cc.register("admin-cc:1");
        Throwable end = cc.ended.get(10, TimeUnit.SECONDS);
        assertThat(end).isInstanceOf(StatusRuntimeException.class)
                .hasMessageEndingWith("belongs to a different chaincode")
                .hasMessageContaining("Chaincode admin-cc:1 with given certificate hash [");
        assertThat(cc.inbox).isEmpty();
        assertThat(loopback.support().registry().chaincodeIds()).isEmpty();
    }

    @Test
    void withTlsOffNothingIsIssued() {
        ChaincodeTls off = new ChaincodeTls(Optional.empty());
        assertThat(off.enabled()).isFalse();
        assertThat(off.credentials().issue("kv:1")).isEmpty();
        assertThat(off.authenticator()).isEmpty();
    }
}
