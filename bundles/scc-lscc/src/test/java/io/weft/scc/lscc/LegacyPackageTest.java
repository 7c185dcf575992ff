package io.weft.scc.lscc;

import static io.weft.scc.lscc.TestPackages.codeHash;
import static io.weft.scc.lscc.TestPackages.data;
import static io.weft.scc.lscc.TestPackages.metadataHash;
import static io.weft.scc.lscc.TestPackages.sha256;
import static io.weft.scc.lscc.TestPackages.signatureHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeData;
import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.hyperledger.fabric.protos.peer.SignedChaincodeDeploymentSpec;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.weft.lifecycle.legacy.LegacyPackage;

class LegacyPackageTest {

    @Test
    void rawCdsFingerprint() throws Exception {
        ByteString buf = TestPackages.cds("mycc", "1.0");
        LegacyPackage pack = LegacyPackage.parse(buf);
        assertThat(pack.name()).isEqualTo("mycc");
        assertThat(pack.version()).isEqualTo("1.0");
        assertThat(pack.depSpecBytes()).isEqualTo(buf);
        assertThat(pack.data()).isEqualTo(data(codeHash(), metadataHash("mycc", "1.0")));
        assertThat(pack.id()).isEqualTo(TestPackages.cdsId("mycc", "1.0"));
    }

    @Test
    void signedCdsFingerprint() throws Exception {
        LegacyPackage pack = LegacyPackage.parse(TestPackages.signedCds("mycc", "1.0", TestPackages.POLICY));
        assertThat(pack.depSpecBytes()).isEqualTo(TestPackages.cds("mycc", "1.0"));
        assertThat(pack.data()).isEqualTo(data(codeHash(), metadataHash("mycc", "1.0"), signatureHash()));
        assertThat(pack.id()).isEqualTo(sha256(codeHash().concat(metadataHash("mycc", "1.0")).concat(signatureHash())));
    }

    @Test
    void neitherFormat() {
        assertThatThrownBy(() -> LegacyPackage.parse(ByteString.copyFrom(new byte[] {(byte) 0xff})))
                .hasMessage("could not unmarshal chaincode package to CDS or SignedCDS");
        // a spec without a chaincode ID: Fabric panics on it, here it is no package
        ByteString noId = ChaincodeDeploymentSpec.newBuilder().setCodePackage(TestPackages.CODE).build().toByteString();
        assertThatThrownBy(() -> LegacyPackage.parse(noId))
                .hasMessage("could not unmarshal chaincode package to CDS or SignedCDS");
        assertThatThrownBy(() -> LegacyPackage.cds(noId)).hasMessage("failed to unmarshal deployment spec from bytes");
    }

    @Test
    void signedCdsErrors() {
        assertThatThrownBy(() -> LegacyPackage.signedCds(ByteString.copyFrom(new byte[] {(byte) 0xff})))
                .hasMessage("failed to unmarshal envelope from bytes");
        assertThatThrownBy(() -> LegacyPackage.signedCds(TestPackages.cds("mycc", "1.0")))
                .hasMessage("channel header cannot be nil");
        ByteString signed = SignedChaincodeDeploymentSpec.newBuilder()
                .setChaincodeDeploymentSpec(TestPackages.cds("mycc", "1.0")).setInstantiationPolicy(TestPackages.POLICY)
                .build().toByteString();
        assertThatThrownBy(() -> LegacyPackage.signedCds(TestPackages.envelope(HeaderType.ENDORSER_TRANSACTION, signed)))
                .hasMessage("invalid type of envelope for chaincode package");
        assertThatThrownBy(() -> LegacyPackage.signedCds(TestPackages.signedCds("mycc", "1.0", ByteString.EMPTY)))
                .hasMessage("instantiation policy cannot be nil for chaincode (mycc:1.0)");
        ByteString badSpec = SignedChaincodeDeploymentSpec.newBuilder()
                .setChaincodeDeploymentSpec(ByteString.copyFrom(new byte[] {(byte) 0xff}))
                .setInstantiationPolicy(TestPackages.POLICY).build().toByteString();
        assertThatThrownBy(() -> LegacyPackage.signedCds(TestPackages.envelope(HeaderType.CHAINCODE_PACKAGE, badSpec)))
                .hasMessage("error getting deployment spec");
    }

    @Test
    void validateAgainstStoredData() throws Exception {
        LegacyPackage pack = LegacyPackage.parse(TestPackages.cds("mycc", "1.0"));
        pack.validate(TestPackages.deployed("mycc", "1.0"));

        ChaincodeData otherCode = TestPackages.deployed("mycc", "1.0").toBuilder()
                .setData(data(sha256(ByteString.copyFromUtf8("other")), metadataHash("mycc", "1.0"))).build();
        assertThatThrownBy(() -> pack.validate(otherCode)).hasMessage("data mismatch");

        ChaincodeData otherVersion = TestPackages.deployed("mycc", "2.0");
        assertThatThrownBy(() -> pack.validate(otherVersion)).hasMessage("invalid chaincode data mycc:2.0 (mycc:1.0)");

        ChaincodeData garbage = otherCode.toBuilder().setData(ByteString.copyFrom(new byte[] {0x0a, 0x05})).build();
        assertThatThrownBy(() -> pack.validate(garbage)).hasMessage(LsccText.PROTO_PARSE_ERROR);

        ChaincodeData unprintable = otherCode.toBuilder().setName("my\u0007cc\u200b").build();
        assertThatThrownBy(() -> pack.validate(unprintable)).hasMessage("invalid chaincode name: \"my\\x07cc\\u200b\"");
    }

    @Test
    void signedDataHasThreeHashes() throws Exception {
        LegacyPackage pack = LegacyPackage.parse(TestPackages.signedCds("mycc", "1.0", TestPackages.POLICY));
        ChaincodeData twoHashes = TestPackages.deployed("mycc", "1.0");
        assertThatThrownBy(() -> pack.validate(twoHashes)).hasMessage("data mismatch");
        pack.validate(twoHashes.toBuilder().setData(pack.data()).build());
    }
}
