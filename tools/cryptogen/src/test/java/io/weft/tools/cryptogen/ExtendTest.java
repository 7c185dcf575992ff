package io.weft.tools.cryptogen;

import io.weft.testing.FabricVectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.msp.Identity;
import io.weft.msp.LocalMsp;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.Msp;
import io.weft.msp.Msps;

import org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cryptogen extend}: adds organizations, nodes and users with the existing CAs, never touching a file. */
class ExtendTest {

    @TempDir
    Path tmp;

    @Test
    void addsPeersUsersAndOrganizationsWithoutChangingAnything() throws Exception {
        Path tree = tmp.resolve("crypto-config");
        assertThat(Cli.run("generate", "--config", FabricVectors.cryptoConfigYaml().toString(), "--output", tree.toString())
                .code()).isZero();
        Map<String, byte[]> before = snapshot(tree);

        Path yaml = tmp.resolve("more.yaml");
        Files.writeString(yaml, Files.readString(FabricVectors.cryptoConfigYaml())
                .replaceFirst("Count: 2", "Count: 3")
                .replaceFirst("Users:\n      Count: 1", "Users:\n      Count: 2")
                + """
                  - Name: Org3
                    Domain: org3.example.com
                    EnableNodeOUs: true
                    Template:
                      Count: 1
                    Users:
                      Count: 1
                """);
        Cli ext = Cli.run("extend", "--input=" + tree, "--config", yaml.toString());
        assertThat(ext.err()).isEmpty();
        assertThat(ext.code()).isZero();
        assertThat(ext.out()).isEqualTo("org3.example.com\n");

        Map<String, byte[]> after = snapshot(tree);
        before.forEach((f, bytes) -> assertThat(after.get(f)).as(f).isEqualTo(bytes));
        SortedSet<String> added = new TreeSet<>(after.keySet());
        added.removeAll(before.keySet());
        assertThat(added).allMatch(f -> f.startsWith("peerOrganizations/org1.example.com/peers/peer2.org1.example.com/")
                || f.startsWith("peerOrganizations/org1.example.com/users/User2@org1.example.com/")
                || f.startsWith("peerOrganizations/org3.example.com/"));
        assertThat(added).contains(
                "peerOrganizations/org1.example.com/peers/peer2.org1.example.com/msp/keystore/priv_sk",
                "peerOrganizations/org1.example.com/peers/peer2.org1.example.com/tls/server.crt",
                "peerOrganizations/org1.example.com/users/User2@org1.example.com/tls/client.key",
                "peerOrganizations/org3.example.com/users/Admin@org3.example.com/msp/config.yaml");

        // the new peer is a peer of the existing organization
        Path org1 = tree.resolve("peerOrganizations/org1.example.com");
        Msp msp = Msps.loadVerifying(org1.resolve("msp"), "Org1MSP", Bccsp.software(SwOptions.defaults()));
        LocalMsp peer2 = Msps.loadLocal(LocalMspSettings.of(org1.resolve("peers/peer2.org1.example.com/msp"), "Org1MSP"));
        Identity id = msp.deserializeIdentity(peer2.signingIdentity().serialize().toByteArray());
        id.validate();
        msp.satisfiesRole(id, MSPRoleType.PEER);
        assertThat(GenerateVectorsTest.jdkCert(org1.resolve("peers/peer2.org1.example.com/tls/server.crt"))
                .getSubjectAlternativeNames()).extracting(l -> (Object) l.get(1))
                .containsExactly((Object) "peer2.org1.example.com", "peer2", "localhost", "127.0.0.1");
    }

    @Test
    void newNodesGetTheAdminCertWithoutNodeOus() throws Exception {
        Path tree = tmp.resolve("cc");
        assertThat(Cli.run("generate", "--output", tree.toString()).code()).isZero();
        Path yaml = tmp.resolve("two.yaml");
        String twoPeers = DefaultTemplate.TEXT.replace("    Template:\n      Count: 1\n      # Start: 5",
                "    Template:\n      Count: 2\n      # Start: 5");
        assertThat(twoPeers).isNotEqualTo(DefaultTemplate.TEXT);
        Files.writeString(yaml, twoPeers);
        assertThat(Cli.run("extend", "--input", tree.toString(), "--config", yaml.toString()).code()).isZero();
        Path org1 = tree.resolve("peerOrganizations/org1.example.com");
        assertThat(org1.resolve("peers/peer1.org1.example.com/msp/admincerts/Admin@org1.example.com-cert.pem"))
                .hasSameBinaryContentAs(org1.resolve(
                        "users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem"));
        assertThat(Files.list(org1.resolve("peers/peer1.org1.example.com/msp/admincerts")).count()).isOne();
    }

    @Test
    void unreadableCaIsOneClearError() throws Exception {
        Path tree = tmp.resolve("cc");
        assertThat(Cli.run("generate", "--output", tree.toString()).code()).isZero();
        Files.delete(tree.resolve("peerOrganizations/org1.example.com/ca/priv_sk"));
        Cli c = Cli.run("extend", "--input", tree.toString());
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.err()).isEqualTo("Error loading signCA for org org1.example.com: no private key (*_sk) in "
                + tree.resolve("peerOrganizations/org1.example.com/ca") + "\n");
    }

    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> m = new HashMap<>();
        for (String f : FabricVectors.files(dir)) {
            m.put(f, Files.readAllBytes(dir.resolve(f)));
        }
        return m;
    }
}
