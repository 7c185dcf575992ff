package io.weft.runtime.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The legacy (1.4-style) network in one process: the embedded orderer bootstrapped from the vectors' system channel
 * genesis block (as orderer.example.com, on a free port the peer reaches through an address override of the
 * channel's 127.0.0.1:7050) and a peer as peer0.org1; {@link #admin} is Org1's admin's environment for
 * {@code bin/peer}.
 */
final class SystemChannelNetwork implements AutoCloseable {

    static final String LEGACY_CHANNEL = "legacychannel";

    final String orderer;
    final Map<String, String> admin;
    private final Path work;
    private final InProcessPeer node;

    /**
     * @param extraOverrides more core.yaml overrides for the peer
     * @param coreYamlEdit a further edit of the peer's core.yaml
     */
    SystemChannelNetwork(Path work, Map<String, String> extraOverrides, UnaryOperator<String> coreYamlEdit) {
        this.work = work;
        int ordererPort = FreePorts.next();
        int peerPort = FreePorts.next();
        orderer = "127.0.0.1:" + ordererPort;
        Path ordererMsp = Vectors.HOME.resolve("crypto-config/ordererOrganizations/example.com/orderers/"
                + "orderer.example.com/msp");
        UnaryOperator<String> ordererYaml = yaml -> yaml
                .replace("ListenPort: 7050", "ListenPort: " + ordererPort)
                .replace("ListenAddress: 127.0.0.1:7053", "ListenAddress: 127.0.0.1:" + FreePorts.next())
                .replace("BootstrapMethod: none", "BootstrapMethod: file")
                .replace("BootstrapFile: genesisblock", "BootstrapFile: "
                        + Vectors.HOME.resolve("system-genesis-1.4.block"))
                .replace("LocalMSPDir: msp", "LocalMSPDir: " + ordererMsp)
                .replace("LocalMSPID: SampleOrg", "LocalMSPID: OrdererMSP")
                .replace("Location: ../data/orderer", "Location: " + work.resolve("orderer-ledger"));
        // the channel config names the orderer 127.0.0.1:7050; the peer is pointed at the test's port
        UnaryOperator<String> coreYaml = yaml -> coreYamlEdit.apply(yaml.replace(
                "        addressOverrides:\n        #  - from:\n        #    to:\n        #    caCertsFile:\n",
                "        addressOverrides:\n          - from: 127.0.0.1:7050\n            to: " + orderer + "\n"));
        Map<String, String> overrides = new HashMap<>(Map.of("peer.listenAddress", "127.0.0.1:" + peerPort,
                "peer.address", "127.0.0.1:" + peerPort, "peer.mspConfigPath", Vectors.org1PeerMsp().toString(),
                "peer.localMspId", "Org1MSP"));
        overrides.putAll(extraOverrides);
        node = new InProcessPeer(work, List.of("peer", "orderer"), overrides, coreYaml, ordererYaml);
        admin = Map.of("FABRIC_CFG_PATH", work.resolve("config").toString(),
                "CORE_PEER_ADDRESS", "127.0.0.1:" + peerPort,
                "CORE_PEER_MSPCONFIGPATH", Vectors.org1UserMsp("Admin").toString(),
                "CORE_PEER_LOCALMSPID", "Org1MSP");
    }

    /**
     * {@code peer channel create} of the vectors' {@code legacychannel.tx} (V1_4_2 application capability) as Org1's
     * admin, writing {@code legacychannel.block}; retried while the orderer is not listening yet.
     */
    PeerCli.Result createLegacyChannel() throws Exception {
        Files.copy(Vectors.HOME.resolve("legacychannel.tx"), work.resolve("legacychannel.tx"));
        return retry(() -> PeerCli.run(admin, work, "channel", "create", "-c", LEGACY_CHANNEL, "-f",
                "legacychannel.tx", "-o", orderer), r -> r.exitCode() == 0 || !r.err().contains("failed to connect"));
    }

    /** Runs {@code command} until {@code done} accepts its result, for at most a minute. */
    static PeerCli.Result retry(Supplier<PeerCli.Result> command, Predicate<PeerCli.Result> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        PeerCli.Result result = command.get();
        while (!done.test(result) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            result = command.get();
        }
        return result;
    }

    @Override
    public void close() throws Exception {
        node.close();
    }
}
