package io.weft.runtime.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

import com.google.protobuf.ByteString;

import io.weft.comm.PemFiles;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.client.ClientEnvironment;
import io.weft.runtime.cli.client.EndorserClient;

/**
 * Weft's one-command dev network: a peer of Org1 and the embedded orderer in one process on the loopback, with the
 * crypto and the channel of {@link DevNetworkFiles}, TLS on unless turned off. It writes the node configurations under
 * the dev folder ({@code config/core.yaml} from the distribution's, {@code config/orderer.yaml} for the dev
 * orderer), and once both are up it joins {@code mychannel} the way an operator does: the orderer through its channel
 * participation API ({@code osnadmin channel join}), the peer through {@code cscc JoinChain} as Org1's admin
 * ({@code peer channel join}); a later start finds both joined.
 */
public final class DevNetwork {

    public static final String PEER_ADDRESS = "127.0.0.1:7051";
    public static final String ORDERER_ADDRESS = "127.0.0.1:7050";
    static final String ADMIN_ADDRESS = "127.0.0.1:7053";

    private final DevNetworkFiles files;
    private final boolean tls;

    public DevNetwork(Path dir, boolean tls) {
        this.files = new DevNetworkFiles(dir);
        this.tls = tls;
    }

    public DevNetworkFiles files() {
        return files;
    }

    /** Makes the crypto and the channel on first start, and writes the nodes' configurations; the core.yaml. */
    public Path prepare(Path distributionConfig) throws IOException {
        files.prepare();
        Path config = Files.createDirectories(files.dir().resolve("config"));
        Path coreYaml = config.resolve("core.yaml");
        if (!Files.exists(coreYaml)) { // an edited copy is the user's
            Files.copy(distributionConfig.resolve("core.yaml"), coreYaml);
        }
        // the peer's own msp and tls folders beside core.yaml, where its relative paths point (as in Fabric's
        // sampleconfig): the node and a CLI using this FABRIC_CFG_PATH read the same material
        copyTree(files.peerNode().resolve("msp"), config.resolve("msp"));
        copyTree(files.peerNode().resolve("tls"), config.resolve("tls"));
        // whole or not at all: a separate orderer (--dev-orderer=false) may be started as soon as the file appears
        Path ordererYaml = config.resolve("orderer.yaml");
        Path written = Files.writeString(config.resolve("orderer.yaml.tmp"), ordererYaml());
        Files.move(written, ordererYaml, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return coreYaml;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            return;
        }
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    /** The peer's core.yaml overrides: its identity, loopback addresses, data under the dev folder, TLS. */
    public Map<String, String> peerOverrides() {
        Map<String, String> o = new LinkedHashMap<>();
        Path node = files.peerNode();
        o.put("peer.id", "peer0.org1.example.com");
        o.put("peer.localMspId", "Org1MSP");
        o.put("peer.mspConfigPath", node.resolve("msp").toString());
        o.put("peer.listenAddress", PEER_ADDRESS);
        o.put("peer.address", PEER_ADDRESS);
        o.put("peer.chaincodeListenAddress", "127.0.0.1:7052");
        o.put("peer.chaincodeAddress", "127.0.0.1:7052");
        o.put("operations.listenAddress", "127.0.0.1:9443");
        o.put("peer.fileSystemPath", files.dir().resolve("peer").toString());
        o.put("peer.tls.enabled", Boolean.toString(tls));
        o.put("peer.tls.cert.file", node.resolve("tls/server.crt").toString());
        o.put("peer.tls.key.file", node.resolve("tls/server.key").toString());
        o.put("peer.tls.rootcert.file", node.resolve("tls/ca.crt").toString());
        return o;
    }

    private String ordererYaml() {
        Path node = files.ordererNode();
        String tlsDir = node.resolve("tls").toString();
        return """
                # Written by `peer node start --dev` at each start: the dev network's orderer (Fabric's orderer.yaml keys).
                General:
                    ListenAddress: 127.0.0.1
                    ListenPort: 7050
                    TLS:
                        Enabled: %1$s
                        PrivateKey: %2$s/server.key
                        Certificate: %2$s/server.crt
                        RootCAs:
                          - %2$s/ca.crt
                        ClientAuthRequired: false
                    BootstrapMethod: none
                    LocalMSPDir: %3$s
                    LocalMSPID: OrdererMSP
                FileLedger:
                    Location: %4$s
                Admin:
                    ListenAddress: %5$s
                    TLS:
                        Enabled: %1$s
                        PrivateKey: %2$s/server.key
                        Certificate: %2$s/server.crt
                        ClientAuthRequired: true
                        ClientRootCAs:
                          - %2$s/ca.crt
                ChannelParticipation:
                    Enabled: true
                """.formatted(tls, tlsDir, node.resolve("msp"), files.dir().resolve("orderer"), ADMIN_ADDRESS);
    }

    /** Joins the orderer and the peer to the channel, each unless it already is. */
    public void joinChannel(CliContext context) throws IOException, InterruptedException {
        joinOrderer();
        joinPeer(context);
    }

    private void joinOrderer() throws IOException, InterruptedException {
        HttpClient http = adminClient();
        String base = (tls ? "https://" : "http://") + ADMIN_ADDRESS + "/participation/v1/channels";
        HttpResponse<String> existing = http.send(HttpRequest.newBuilder(URI.create(base + "/"
                + DevNetworkFiles.CHANNEL)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (existing.statusCode() == 200) {
            return;
        }
        String boundary = "weft-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"config-block\"; filename=\""
                + DevNetworkFiles.CHANNEL + ".block\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] block = Files.readAllBytes(files.genesisBlock());
        byte[] body = new byte[head.length + block.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(block, 0, body, head.length, block.length);
        System.arraycopy(tail, 0, body, head.length + block.length, tail.length);
        HttpResponse<String> joined = http.send(HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (joined.statusCode() != 201) {
            throw new IOException("the dev orderer did not join " + DevNetworkFiles.CHANNEL + ": "
                    + joined.statusCode() + " " + joined.body());
        }
    }

    private void joinPeer(CliContext context) throws IOException {
        CliContext admin = new CliContext(adminEnvironment(context.env()), context.workingDirectory(), context.out(),
                context.err());
        try (EndorserClient endorser = new EndorserClient(ClientEnvironment.load(admin, Map.of(), null))) {
            ProposalResponse r = endorser.invoke(HeaderType.CONFIG, "cscc", ByteString.copyFromUtf8("JoinChain"),
                    ByteString.copyFrom(Files.readAllBytes(files.genesisBlock())));
            if (r.getResponse().getStatus() != 200 && !r.getResponse().getMessage().contains("already exists")) {
                throw new IOException("the dev peer did not join " + DevNetworkFiles.CHANNEL + ": "
                        + r.getResponse().getMessage());
            }
        }
    }

    /** What a shell needs to use the dev network as Org1's admin with Fabric's {@code peer} CLI. */
    public Map<String, String> adminEnvironment(Map<String, String> base) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put("FABRIC_CFG_PATH", files.dir().resolve("config").toString());
        env.put("CORE_PEER_ADDRESS", PEER_ADDRESS);
        env.put("CORE_PEER_LOCALMSPID", "Org1MSP");
        env.put("CORE_PEER_MSPCONFIGPATH", files.peerAdminMsp().toString());
        env.put("CORE_PEER_TLS_ENABLED", Boolean.toString(tls));
        env.put("CORE_PEER_TLS_ROOTCERT_FILE", files.peerNode().resolve("tls/ca.crt").toString());
        return env;
    }

    /** The lines printed for the user: exports, and the orderer flags for transactions. */
    public List<String> shellLines() {
        Map<String, String> env = adminEnvironment(Map.of());
        List<String> lines = new java.util.ArrayList<>();
        env.forEach((k, v) -> lines.add("export " + k + "=" + v));
        String orderer = "-o " + ORDERER_ADDRESS + (tls ? " --tls --cafile " + files.ordererNode().resolve("tls/ca.crt")
                : "");
        lines.add("export ORDERER_ARGS=\"" + orderer + "\"   # e.g. peer lifecycle chaincode approveformyorg $ORDERER_ARGS ...");
        return lines;
    }

    private HttpClient adminClient() throws IOException {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (!tls) {
            return b.build();
        }
        Path admin = files.ordererAdmin().resolve("tls");
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = new char[0];
            keys.setKeyEntry("admin", PemFiles.privateKey(admin.resolve("client.key")), password,
                    PemFiles.certificates(admin.resolve("client.crt")).toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate ca : PemFiles.certificates(files.ordererNode().resolve("tls/ca.crt"))) {
                trust.setCertificateEntry("ca" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return b.sslContext(ssl).build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS to the dev orderer's admin endpoint: " + e.getMessage(), e);
        }
    }
}
