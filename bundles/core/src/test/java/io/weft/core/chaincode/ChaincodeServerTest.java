package io.weft.core.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.core.chaincode.launch.Builds;
import io.weft.core.chaincode.launch.ChaincodeLauncher;
import io.weft.core.chaincode.launch.ExternalBuilder;
import io.weft.core.committer.ChaincodeLedgerFixture;
import io.weft.ledger.txmgr.TxSimulator;

/**
 * Chaincode as a service with the real shim's chaincode server: a package of type {@code ccaas} whose builder releases
 * a {@code connection.json}; the first transaction dials the server, the chaincode registers over the connection and
 * answers; a server that is gone fails the next launch with Fabric's message.
 */
class ChaincodeServerTest {

    @TempDir
    Path dir;

    @Test
    void thePeerDialsTheChaincodeServerAndRunsTheShimProtocolOverIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ChaincodeServer server = KvChaincode.serve("kv:1", port);

        Path bin = Files.createDirectories(dir.resolve("ccaas/bin"));
        script(bin.resolve("detect"), "grep -q '\"type\":\"ccaas\"' \"$2/metadata.json\"");
        script(bin.resolve("build"), "cp \"$1/connection.json\" \"$3/\"");
        script(bin.resolve("release"), "mkdir -p \"$2/chaincode/server\" && cp \"$1/connection.json\" \"$2/chaincode/server/\"");
        String json = "{\"address\":\"127.0.0.1:" + port + "\",\"dial_timeout\":\"5s\",\"tls_required\":false}";
        ChaincodeLauncher.Packages packages = id -> new ChaincodeLauncher.Contents(
                "{\"type\":\"ccaas\",\"label\":\"kv\"}".getBytes(StandardCharsets.UTF_8),
                src -> Files.writeString(src.resolve("connection.json"), json));

        try (ChaincodeLedgerFixture ledger = new ChaincodeLedgerFixture(dir.resolve("ledger"));
                ChaincodeSupport support = new ChaincodeSupport(10_000, 0)) {
            support.launchWith(new ChaincodeLauncher(new Builds(dir.resolve("builds"),
                    List.of(new ExternalBuilder("ccaas", dir.resolve("ccaas"), List.of()))), packages,
                    support.registrations(), new ChaincodeLauncher.Connection("127.0.0.1:7052", "Org1MSP"), 20_000,
                    support::connect));

            ChaincodeMessage put = run(support, ledger, "tx1", "put", "colour", "green");
            assertThat(put.getType()).isEqualTo(ChaincodeMessage.Type.COMPLETED);
            assertThat(Response.parseFrom(put.getPayload()).getMessage()).isEqualTo("stored colour");
            assertThat(support.registry().isReady("kv:1")).isTrue();

            server.stop();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (support.registry().isReady("kv:1") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThatThrownBy(() -> run(support, ledger, "tx2", "get", "colour")).isInstanceOf(ChaincodeException.class)
                    .hasMessageStartingWith("could not launch chaincode kv:1: connection to kv:1 failed: error creating "
                            + "grpc connection to 127.0.0.1:" + port);
        }
    }

    private static ChaincodeMessage run(ChaincodeSupport support, ChaincodeLedgerFixture ledger, String txId,
            String... args) {
        TxSimulator sim = ledger.ledger().newTxSimulator(txId);
        try {
            ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
            for (String a : args) {
                input.addArgs(ByteString.copyFromUtf8(a));
            }
            return support.execute(ChaincodeMessage.Type.TRANSACTION, "mychannel", txId, "kv", "kv:1", input.build(),
                    null, sim, null, 10_000);
        } finally {
            sim.done();
        }
    }

    private static void script(Path p, String body) throws Exception {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
