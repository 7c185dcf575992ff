package io.weft.runtime.cli;

import static io.weft.runtime.cli.CliRun.words;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.SignedChaincodeDeploymentSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weft.lifecycle.legacy.LegacyPackage;
import io.weft.policies.PolicyDsl;
import io.weft.testing.FabricVectors;

/** {@code peer chaincode package} and {@code signpackage}: offline, the legacy deployment specs Fabric writes. */
class ChaincodePackageCommandsTest {

    @TempDir
    Path work;

    private Map<String, String> admin;

    @BeforeEach
    void javaChaincodeAndAdmin() throws Exception {
        Files.createDirectories(work.resolve("cc/src/main/java"));
        Files.writeString(work.resolve("cc/build.gradle"), "plugins { id 'java' }");
        Files.writeString(work.resolve("cc/src/main/java/Cc.java"), "class Cc {}");
        Path config = Files.createDirectories(work.resolve("config"));
        Files.copy(Path.of("../config/core.yaml"), config.resolve("core.yaml"));
        admin = Map.of("FABRIC_CFG_PATH", config.toString(), "CORE_PEER_LOCALMSPID", "Org1MSP",
                "CORE_PEER_MSPCONFIGPATH", FabricVectors.org1().resolve("users/Admin@org1.example.com/msp").toString());
    }

    private CliRun peer(Map<String, String> env, String commandLine) {
        return CliRun.runIn(work, env, words(commandLine));
    }

    @Test
    void aDeploymentSpecOfTheSource() throws Exception {
        CliRun pack = peer(Map.of(), "chaincode package -n mycc -v 1.0 -p cc -l java cc.out");

        assertThat(pack.exitCode()).as("%s", pack).isZero();
        assertThat(pack.out()).isEmpty();
        ChaincodeDeploymentSpec cds = ChaincodeDeploymentSpec.parseFrom(Files.readAllBytes(work.resolve("cc.out")));
        assertThat(cds.getChaincodeSpec().getType()).isEqualTo(ChaincodeSpec.Type.JAVA);
        assertThat(cds.getChaincodeSpec().getChaincodeId().getName()).isEqualTo("mycc");
        assertThat(cds.getChaincodeSpec().getChaincodeId().getPath()).isEqualTo("cc");
        assertThat(cds.getCodePackage()).isNotEmpty();
        assertThat(Files.getPosixFilePermissions(work.resolve("cc.out")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aSignedPackageThenASecondOwner() throws Exception {
        CliRun pack = peer(admin, "chaincode package -n mycc -v 1.0 -p cc -l java -s -S ccpack.out");
        assertThat(pack.exitCode()).as("%s", pack).isZero();
        SignedChaincodeDeploymentSpec signed = signed("ccpack.out");
        assertThat(signed.getInstantiationPolicy()).isEqualTo(PolicyDsl.parse("AND('Org1MSP.admin')").toByteString());
        assertThat(signed.getOwnerEndorsementsCount()).isEqualTo(1);
        assertThat(LegacyPackage.parse(com.google.protobuf.ByteString.copyFrom(
                Files.readAllBytes(work.resolve("ccpack.out")))).name()).isEqualTo("mycc");

        CliRun sign = peer(admin, "chaincode signpackage ccpack.out signed.out");
        assertThat(sign.exitCode()).as("%s", sign).isZero();
        assertThat(sign.out()).isEqualTo("Wrote signed package to signed.out successfully\n");
        assertThat(signed("signed.out").getOwnerEndorsementsCount()).isEqualTo(2);
    }

    @Test
    void refusals() throws Exception {
        assertThat(peer(admin, "chaincode package -n mycc -v 1.0 -p cc -l java -s -i AND( x.out").firstErrLine())
                .isEqualTo("Error: invalid policy AND(");
        assertThat(peer(Map.of(), "chaincode package -n mycc -p cc -l java x.out").firstErrLine())
                .isEqualTo("Error: chaincode version is not provided for package");
        assertThat(peer(admin, "chaincode package -n mycc -v 1.0 -p cc -l java -s unsigned.out").exitCode()).isZero();
        assertThat(peer(admin, "chaincode signpackage unsigned.out signed.out").firstErrLine())
                .isEqualTo("Error: invalid signed deployment spec");
    }

    private SignedChaincodeDeploymentSpec signed(String file) throws Exception {
        Envelope env = Envelope.parseFrom(Files.readAllBytes(work.resolve(file)));
        return SignedChaincodeDeploymentSpec.parseFrom(Payload.parseFrom(env.getPayload()).getData());
    }
}
