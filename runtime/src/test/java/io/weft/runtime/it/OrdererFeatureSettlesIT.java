package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The peer and orderer features together, with the shipped orderer.yaml (free ports, ledger under the test folder):
 * every bundle active, every DS component settled, the orderer's chain registry registered, and a channel joined
 * through the channel participation API with the vectors' mychannel genesis block, kept over a restart.
 */
class OrdererFeatureSettlesIT {

    @TempDir
    Path work;

    @Test
    void peerAndOrdererFeaturesSettleAndJoinAChannel() throws Exception {
        assertThat(Dist.HOME.resolve("features/orderer.json")).isRegularFile();
        int grpcPort = FreePorts.next();
        int adminPort = FreePorts.next();
        String ledger = work.resolve("orderer-ledger").toString();
        java.util.function.UnaryOperator<String> ordererYaml = yaml -> yaml
                .replace("ListenPort: 7050", "ListenPort: " + grpcPort)
                .replace("ListenAddress: 127.0.0.1:7053", "ListenAddress: 127.0.0.1:" + adminPort)
                .replace("Location: ../data/orderer", "Location: " + ledger);
        String admin = "http://127.0.0.1:" + adminPort + "/participation/v1/channels";
        HttpClient http = HttpClient.newHttpClient();

        try (InProcessPeer peer = new InProcessPeer(work, List.of("peer", "orderer"), Map.of(), y -> y, ordererYaml)) {
            List<String> problems = FeatureSettlesIT.componentProblems(peer.context());
            for (int i = 0; i < 100 && !problems.isEmpty(); i++) {
                Thread.sleep(100);
                problems = FeatureSettlesIT.componentProblems(peer.context());
            }
            assertThat(problems).as("DS components that did not settle").isEmpty();
            for (Bundle b : peer.context().getBundles()) {
                boolean fragment = b.getHeaders("").get("Fragment-Host") != null;
                assertThat(b.getState()).as("%s", b.getSymbolicName()).isEqualTo(fragment ? Bundle.RESOLVED : Bundle.ACTIVE);
            }
            ServiceReference<?>[] registry = peer.context().getAllServiceReferences("io.weft.orderer.ChainRegistry", null);
            assertThat(registry).as("the orderer's chain registry").hasSize(1);
            assertThat(registry[0].getProperty("weft.orderer.address")).isEqualTo("127.0.0.1:" + grpcPort);

            HttpResponse<String> joined = http.send(join(admin, Files.readAllBytes(Vectors.HOME.resolve("mychannel.block"))),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
            assertThat(joined.body()).contains("\"name\":\"mychannel\"", "\"height\":1");
        }
        try (InProcessPeer peer = new InProcessPeer(work.resolve("again"), List.of("peer", "orderer"), Map.of(), y -> y,
                ordererYaml)) {
            HttpResponse<String> listed = null;
            for (int i = 0; i < 100; i++) {
                try {
                    listed = http.send(HttpRequest.newBuilder(URI.create(admin)).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    break;
                } catch (java.io.IOException e) {
                    Thread.sleep(100); // the admin endpoint comes up once its configuration arrived
                }
            }
            assertThat(listed).isNotNull();
            assertThat(listed.body()).isEqualTo("{\"systemChannel\":null,\"channels\":[{\"name\":\"mychannel\","
                    + "\"url\":\"/participation/v1/channels/mychannel\"}]}\n");
        }
    }

    static HttpRequest join(String url, byte[] block) throws Exception {
        String boundary = "weft-it-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"config-block\"; filename=\"mychannel.block\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(block);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }
}
