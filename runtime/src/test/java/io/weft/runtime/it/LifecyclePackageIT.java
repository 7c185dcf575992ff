package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/peer lifecycle chaincode package} and {@code calculatepackageid} run offline, with no peer and no core.yaml. */
class LifecyclePackageIT {

    @TempDir
    Path work;

    @Test
    void packagesAFolderAndCalculatesItsId() throws Exception {
        Path cc = Files.createDirectories(work.resolve("chaincode/lib"));
        Files.writeString(work.resolve("chaincode/package.json"), "{\"name\":\"cc\",\"main\":\"lib/index.js\"}");
        Files.writeString(cc.resolve("index.js"), "module.exports.contracts = [];");

        PeerCli.Result pack = PeerCli.run(Map.of(), work, "lifecycle", "chaincode", "package", "cc.tar.gz",
                "--path", "chaincode", "--lang", "node", "--label", "cc_1.0");

        assertThat(pack.exitCode()).as("%s", pack).isZero();
        assertThat(pack.out()).isEmpty();
        byte[] bytes = Files.readAllBytes(work.resolve("cc.tar.gz"));
        String id = "cc_1.0:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        PeerCli.Result plain = PeerCli.run(Map.of(), work, "lifecycle", "chaincode", "calculatepackageid", "cc.tar.gz");
        PeerCli.Result json = PeerCli.run(Map.of(), work, "lifecycle", "chaincode", "calculatepackageid", "cc.tar.gz",
                "-O", "json");

        assertThat(plain.exitCode()).as("%s", plain).isZero();
        assertThat(plain.out()).isEqualTo(id + "\n");
        assertThat(json.out()).isEqualTo("{\n\t\"package_id\": \"" + id + "\"\n}\n");
    }

    @Test
    void aFileThatIsNoPackageIsFabricsError() throws Exception {
        Files.writeString(work.resolve("notes.txt"), "not a package");

        PeerCli.Result run = PeerCli.run(Map.of(), work, "lifecycle", "chaincode", "calculatepackageid", "notes.txt");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error: could not parse as a chaincode install package: error reading as "
                + "gzip stream: gzip: invalid header\n");
    }
}
