package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peer lifecycle chaincode install}, {@code queryinstalled} and {@code getinstalledpackage} against a running
 * peer whose {@code chaincode.externalBuilders} names the distribution's Java builder: the package is stored, built
 * by the builder and kept, and served back byte for byte.
 */
class LifecycleInstallIT {

    @TempDir
    Path work;

    @Test
    void installBuildsWithTheExternalBuilderAndThePackageIsServedBack() throws Exception {
        Path src = Files.createDirectories(work.resolve("kv"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "kv.Main");
        try (OutputStream out = Files.newOutputStream(src.resolve("chaincode.jar"));
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        Files.writeString(work.resolve("notjava.js"), "module.exports = {};");

        try (PeerProcess peer = new PeerProcess(work)) {
            Path coreYaml = peer.configDir.resolve("core.yaml");
            Files.writeString(coreYaml, Files.readString(coreYaml)
                    .replace("name: ccaas_builder", "name: weft-java")
                    .replace("path: /opt/hyperledger/ccaas_builder", "path: " + Dist.HOME.resolve("builders/java")));
            peer.start().awaitHealthy(Duration.ofSeconds(60));

            PeerCli.Result pack = PeerCli.run(peer.env(), work, "lifecycle", "chaincode", "package", "kv.tar.gz",
                    "--path", "kv", "--lang", "java", "--label", "kv_1");
            assertThat(pack.exitCode()).as("%s", pack).isZero();
            byte[] bytes = Files.readAllBytes(work.resolve("kv.tar.gz"));
            String id = "kv_1:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

            PeerCli.Result install = PeerCli.run(peer.env(), work, "lifecycle", "chaincode", "install", "kv.tar.gz");
            assertThat(install.exitCode()).as("%s%n%s", install, peer.log()).isZero();
            assertThat(install.err()).contains("Chaincode code package identifier: " + id);
            Path built = peer.dataDir.resolve("externalbuilder/builds/" + id.replace(':', '-'));
            assertThat(Files.readString(built.resolve("build-info.json"))).contains("weft-java");

            PeerCli.Result again = PeerCli.run(peer.env(), work, "lifecycle", "chaincode", "install", "kv.tar.gz");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).isEqualTo("Error: chaincode install failed with status: 500 - failed to invoke "
                    + "backing implementation of 'InstallChaincode': chaincode already successfully installed "
                    + "(package ID '" + id + "')\n");

            PeerCli.Result listed = PeerCli.run(peer.env(), work, "lifecycle", "chaincode", "queryinstalled");
            assertThat(listed.out()).as("%s", listed)
                    .isEqualTo("Installed chaincodes on peer:\nPackage ID: " + id + ", Label: kv_1\n");
            PeerCli.Result asJson = PeerCli.run(peer.env(), work, "lifecycle", "chaincode", "queryinstalled",
                    "--output", "json");
            assertThat(asJson.out()).as("%s", asJson).isEqualTo("{\n\t\"installed_chaincodes\": [\n\t\t{\n"
                    + "\t\t\t\"package_id\": \"" + id + "\",\n\t\t\t\"label\": \"kv_1\"\n\t\t}\n\t]\n}\n");

            PeerCli.Result get = PeerCli.run(peer.env(), work, "lifecycle", "chaincode", "getinstalledpackage",
                    "--package-id", id, "--output-directory", ".");
            assertThat(get.exitCode()).as("%s", get).isZero();
            assertThat(Files.readAllBytes(work.resolve(id + ".tar.gz"))).isEqualTo(bytes);

            // a package no builder takes is refused and not kept
            Files.createDirectories(work.resolve("node"));
            Files.writeString(work.resolve("node/package.json"), "{\"name\":\"n\"}");
            PeerCli.run(peer.env(), work, "lifecycle", "chaincode", "package", "node.tar.gz", "--path", "node",
                    "--lang", "node", "--label", "n_1");
            PeerCli.Result refused = PeerCli.run(peer.env(), work, "lifecycle", "chaincode", "install", "node.tar.gz");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).startsWith("Error: chaincode install failed with status: 500 - failed to invoke "
                    + "backing implementation of 'InstallChaincode': could not build chaincode: no external builder in "
                    + "chaincode.externalBuilders detected package 'n_1:");
            assertThat(PeerCli.run(peer.env(), work, "lifecycle", "chaincode", "queryinstalled").out())
                    .doesNotContain("n_1");

            PeerCli.Result missing = PeerCli.run(peer.env(), work, "lifecycle", "chaincode", "getinstalledpackage",
                    "--package-id", "nope:1");
            assertThat(missing.err()).isEqualTo("Error: proposal failed with status: 404 - could not load cc install "
                    + "package: chaincode install package 'nope:1' not found\n");

            PeerCli.Result committed = PeerCli.run(peer.env(), work, "lifecycle", "chaincode", "querycommitted",
                    "-C", "nochannel");
            assertThat(committed.err()).isEqualTo("Error: query failed with status: 500 - channel 'nochannel' not "
                    + "found\n");
        }
    }
}
