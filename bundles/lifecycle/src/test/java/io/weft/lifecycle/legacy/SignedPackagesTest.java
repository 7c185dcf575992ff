package io.weft.lifecycle.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.SignedChaincodeDeploymentSpec;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.weft.api.identity.SigningIdentity;

class SignedPackagesTest {

    static final ByteString CDS = ChaincodeDeploymentSpec.newBuilder().setChaincodeSpec(ChaincodeSpec.newBuilder()
            .setType(ChaincodeSpec.Type.JAVA).setChaincodeId(ChaincodeID.newBuilder().setName("mycc").setVersion("1")))
            .setCodePackage(ByteString.copyFrom(new byte[] {0x1f, (byte) 0x8b})).build().toByteString();
    static final ByteString POLICY = ByteString.copyFromUtf8("policy");

    /** Signs with a marker: the signature is what it signed, reversed. */
    record Owner(String id, List<byte[]> signed) implements SigningIdentity {
        Owner(String id) {
            this(id, new ArrayList<>());
        }

        @Override
        public String mspId() {
            return "Org1MSP";
        }

        @Override
        public ByteString serialize() {
            return ByteString.copyFromUtf8(id);
        }

        @Override
        public byte[] sign(byte[] message) {
            signed.add(message);
            return ("sig-" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static SignedChaincodeDeploymentSpec spec(Envelope env) throws Exception {
        return SignedChaincodeDeploymentSpec.parseFrom(Payload.parseFrom(env.getPayload()).getData());
    }

    @Test
    void ownersSignSpecPolicyAndThemselves() throws Exception {
        Owner alice = new Owner("alice");
        Envelope pkg = SignedPackages.create(CDS, POLICY, alice);
        assertThat(pkg.getSignature()).isEmpty();
        assertThat(alice.signed()).containsExactly(CDS.concat(POLICY).concat(alice.serialize()).toByteArray());

        Envelope twice = SignedPackages.sign(pkg, new Owner("bob"));
        assertThat(spec(twice).getOwnerEndorsementsList()).extracting(e -> e.getEndorser().toStringUtf8())
                .containsExactly("alice", "bob");
        // the peer reads it as a signed package with both owners in its fingerprint
        LegacyPackage read = LegacyPackage.parse(twice.toByteString());
        assertThat(read.name()).isEqualTo("mycc");
        assertThat(read.instantiationPolicy()).contains(POLICY);
        assertThat(read.id()).isNotEqualTo(LegacyPackage.parse(pkg.toByteString()).id());
    }

    @Test
    void aPackageWithoutOwnersCannotBeSignedLater() {
        Envelope unsigned = SignedPackages.create(CDS, POLICY, null);
        assertThatThrownBy(() -> SignedPackages.sign(unsigned, new Owner("bob")))
                .hasMessage("invalid signed deployment spec");
        assertThatThrownBy(() -> SignedPackages.sign(Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("x"))
                .build(), new Owner("bob"))).isInstanceOf(LegacyPackageException.class);
    }
}
