package io.weft.lifecycle.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.hyperledger.fabric.protos.peer.ChaincodeData;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.weft.lifecycle.SignaturePolicies;

class LegacyChaincodeDataTest {

    static final ByteString POLICY = SignaturePolicies.signedByAnyMember(List.of("Org1MSP")).toByteString();
    static final ByteString ADMINS = SignaturePolicies.signedByAnyAdmin(List.of("Org1MSP")).toByteString();

    @Test
    void marshalsAsTheGeneratedMessageDoesForWellFormedPolicies() throws Exception {
        LegacyChaincodeData cd = new LegacyChaincodeData("mycc", "1.0", "escc", "vscc", POLICY,
                ByteString.copyFromUtf8("data"), ByteString.copyFromUtf8("id"), ADMINS);
        ChaincodeData generated = ChaincodeData.parseFrom(cd.toByteString());
        assertThat(generated.getName()).isEqualTo("mycc");
        assertThat(generated.getPolicy().toByteString()).isEqualTo(POLICY);
        assertThat(generated.getInstantiationPolicy().toByteString()).isEqualTo(ADMINS);
        assertThat(generated.toByteString()).isEqualTo(cd.toByteString());
        assertThat(LegacyChaincodeData.parse(cd.toByteString())).isEqualTo(cd);
    }

    @Test
    void keepsPolicyBytesAsGiven() throws Exception {
        // a policy with an unknown field: the generated message would drop nothing but re-order on re-encoding;
        // Go keeps the opaque bytes, and so does this
        ByteString odd = ByteString.copyFrom(new byte[] {(byte) 0xfa, 0x01, 0x01, 0x41});
        LegacyChaincodeData cd = new LegacyChaincodeData("mycc", "1.0", "", "", odd, ByteString.EMPTY,
                ByteString.EMPTY, ByteString.EMPTY);
        assertThat(LegacyChaincodeData.parse(cd.toByteString()).policy()).isEqualTo(odd);
        // empty fields are left out, as proto3 marshals them
        assertThat(cd.toByteString().toByteArray()).startsWith(0x0a, 4, 'm', 'y', 'c', 'c', 0x12, 3, '1', '.', '0',
                0x2a, 4);
    }

    @Test
    void refusesWhatGoCannotParse() {
        assertThatThrownBy(() -> LegacyChaincodeData.parse(ByteString.copyFrom(new byte[] {0x0a, 0x05, 'x'})))
                .isInstanceOf(LegacyPackageException.class).hasMessage(LegacyPackage.PROTO_PARSE_ERROR);
        assertThatThrownBy(() -> LegacyChaincodeData.parse(ByteString.copyFrom(new byte[] {0x08, 0x01})))
                .isInstanceOf(LegacyPackageException.class);
    }
}
