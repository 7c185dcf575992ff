package io.weft.scc.lscc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.hyperledger.fabric.protos.peer.ChaincodeInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.lifecycle.legacy.LegacyPackage;
import io.weft.lifecycle.legacy.LegacyPackages;

class LegacyPackagesTest {

    @TempDir
    Path fileSystemPath;
    Path dir;
    LegacyPackages packages;

    @BeforeEach
    void open() throws Exception {
        dir = fileSystemPath.resolve("chaincodes");
        packages = LegacyPackages.open(dir);
    }

    private void put(ByteString buf) throws Exception {
        packages.put(LegacyPackage.parse(buf), buf);
    }

    @Test
    void putWritesNameDotVersion() throws Exception {
        ByteString buf = TestPackages.cds("mycc", "1.0.1");
        put(buf);
        assertThat(Files.readAllBytes(dir.resolve("mycc.1.0.1"))).isEqualTo(buf.toByteArray());
        assertThat(packages.get("mycc:1.0.1").depSpecBytes()).isEqualTo(buf);
    }

    @Test
    void putNeverOverwrites() throws Exception {
        put(TestPackages.cds("mycc", "1.0"));
        assertThatThrownBy(() -> put(TestPackages.cds("mycc", "1.0"))).hasMessage(
                "error installing chaincode code mycc:1.0(chaincode " + dir + "/mycc.1.0 exists)");
    }

    @Test
    void putIntoMissingDirectory() throws Exception {
        Files.delete(dir);
        assertThatThrownBy(() -> put(TestPackages.cds("mycc", "1.0"))).hasMessage(
                "error installing chaincode code mycc:1.0(open " + dir + "/mycc.1.0: no such file or directory)");
    }

    @Test
    void getSignedPackage() throws Exception {
        put(TestPackages.signedCds("mycc", "1.0", TestPackages.POLICY));
        assertThat(packages.get("mycc:1.0").depSpecBytes()).isEqualTo(TestPackages.cds("mycc", "1.0"));
    }

    @Test
    void getErrorsAreGos() throws Exception {
        assertThatThrownBy(() -> packages.get("nope:1.0"))
                .hasMessage("open " + dir + "/nope.1.0: no such file or directory");
        Files.createDirectory(dir.resolve("adir.1"));
        assertThatThrownBy(() -> packages.get("adir:1")).hasMessage("read " + dir + "/adir.1: is a directory");
        // garbage: the signed format's complaint is the one Fabric reports
        Files.write(dir.resolve("junk.1"), new byte[] {(byte) 0xff});
        assertThatThrownBy(() -> packages.get("junk:1")).hasMessage("failed to unmarshal envelope from bytes");
    }

    @Test
    void getStaysInTheDirectory() throws Exception {
        Files.write(fileSystemPath.resolve("outside.1"), TestPackages.cds("outside", "1").toByteArray());
        assertThatThrownBy(() -> packages.get("../outside:1"))
                .hasMessage("open " + dir + "/../outside.1: no such file or directory");
        assertThatThrownBy(() -> packages.get("x/../../outside:1"))
                .hasMessage("open " + dir + "/x/../../outside.1: no such file or directory");
    }

    @Test
    void installedListsValidPackagesByFileName() throws Exception {
        put(TestPackages.cds("zeta", "2.0"));
        put(TestPackages.cds("alpha", "1.0"));
        put(TestPackages.signedCds("beta", "1.0", TestPackages.POLICY));
        Files.write(dir.resolve("nodot"), TestPackages.cds("nodot", "").toByteArray());
        Files.write(dir.resolve("junk.1"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("renamed.9"), TestPackages.cds("renamed", "1").toByteArray());
        Files.createDirectory(dir.resolve("adir.1"));
        Files.createDirectories(dir.getParent().resolve("lifecycle"));

        assertThat(packages.installed().getChaincodesList()).containsExactly(
                ChaincodeInfo.newBuilder().setName("alpha").setVersion("1.0").setPath("github.com/cc")
                        .setId(TestPackages.cdsId("alpha", "1.0")).build(),
                ChaincodeInfo.newBuilder().setName("beta").setVersion("1.0").setPath("github.com/cc")
                        .setId(LegacyPackage.parse(TestPackages.signedCds("beta", "1.0", TestPackages.POLICY)).id())
                        .build(),
                ChaincodeInfo.newBuilder().setName("zeta").setVersion("2.0").setPath("github.com/cc")
                        .setId(TestPackages.cdsId("zeta", "2.0")).build());
    }

    @Test
    void installedWithoutDirectory() throws Exception {
        Files.delete(dir);
        assertThatThrownBy(packages::installed).hasMessage("open " + dir + ": no such file or directory");
    }
}
