package io.weft.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.common.MSPIdentityAnonymity;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.weft.channelconfig.ChannelConfig;
import io.weft.msp.MspSigningIdentity;
import io.weft.msp.OUIdentifier;
import io.weft.msp.Principals;
import io.weft.protoutil.SignedData;
import io.weft.testing.Signers;

/** Signature policies evaluated over data signed with the vectors' keys, on mychannel's MSPs. */
class SignaturePolicyTest {

    static final byte[] DATA = "some proposal bytes".getBytes(StandardCharsets.UTF_8);

    static ChannelConfig channel;
    static SignedData user1, admin1, peer1, user2, admin2, orderer;

    @BeforeAll
    static void setUp() throws Exception {
        channel = ChannelConfig.fromBlock(Signers.block("mychannel.block"), Signers.bccsp());
        user1 = Signers.sign(Signers.user1("org1"), DATA);
        admin1 = Signers.sign(Signers.admin("org1"), DATA);
        peer1 = Signers.sign(Signers.peer0("org1"), DATA);
        user2 = Signers.sign(Signers.user1("org2"), DATA);
        admin2 = Signers.sign(Signers.admin("org2"), DATA);
        orderer = Signers.sign(Signers.signer("orderer", "orderer.example.com"), DATA);
    }

    static Policy dsl(String rule) throws PolicyException {
        return CompiledSignaturePolicy.compile(PolicyDsl.parse(rule), channel.deserializer());
    }

    static Policy single(MSPPrincipal principal) throws PolicyException {
        return CompiledSignaturePolicy.compile(SignaturePolicyEnvelope.newBuilder().addIdentities(principal)
                .setRule(SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(1)
                        .addRules(SignaturePolicy.newBuilder().setSignedBy(0)))).build(), channel.deserializer());
    }

    static boolean ok(Policy p, SignedData... sd) {
        try {
            p.evaluateSignedData(List.of(sd));
            return true;
        } catch (PolicyException e) {
            assertThat(e).hasMessage("signature set did not satisfy policy");
            return false;
        }
    }

    @Test
    void roles() throws Exception {
        Policy member = dsl("OR('Org1MSP.member')");
        assertThat(ok(member, user1)).isTrue();
        assertThat(ok(member, admin1)).isTrue();
        assertThat(ok(member, user2)).isFalse();
        Policy admin = dsl("OR('Org1MSP.admin')");
        assertThat(ok(admin, admin1)).isTrue();
        assertThat(ok(admin, user1)).isFalse();
        Policy client = dsl("OR('Org1MSP.client')");
        assertThat(ok(client, user1)).isTrue();
        assertThat(ok(client, peer1)).isFalse();
        Policy peer = dsl("OR('Org1MSP.peer')");
        assertThat(ok(peer, peer1)).isTrue();
        assertThat(ok(peer, user1)).isFalse();
        Policy ord = dsl("OR('OrdererMSP.orderer')");
        assertThat(ok(ord, orderer)).isTrue();
        assertThat(ok(ord, peer1)).isFalse();
    }

    @Test
    void organizationUnitIdentityAndCombinedPrincipals() throws Exception {
        MspSigningIdentity u1 = Signers.user1("org1");
        OUIdentifier clientOu = u1.organizationalUnits().stream()
                .filter(ou -> ou.organizationalUnitIdentifier().equals("client")).findFirst().orElseThrow();
        Policy ou = single(Principals.organizationUnit("Org1MSP", "client", clientOu.certifiersIdentifier()));
        assertThat(ok(ou, user1)).isTrue();
        assertThat(ok(ou, peer1)).isFalse();

        Policy identity = single(Principals.identity(u1.serialize()));
        assertThat(ok(identity, user1)).isTrue();
        assertThat(ok(identity, admin1)).isFalse();

        Policy combined = single(Principals.combined(List.of(Principals.role("Org1MSP", MSPRole.MSPRoleType.MEMBER),
                Principals.role("Org1MSP", MSPRole.MSPRoleType.CLIENT))));
        assertThat(ok(combined, user1)).isTrue();
        assertThat(ok(combined, peer1)).isFalse();
    }

    @Test
    void anonymityIsNominalOnlyForX509() throws Exception {
        MSPPrincipal anonymous = MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ANONYMITY)
                .setPrincipal(MSPIdentityAnonymity.newBuilder()
                        .setAnonymityType(MSPIdentityAnonymity.MSPIdentityAnonymityType.ANONYMOUS).build().toByteString())
                .build();
        assertThat(ok(single(anonymous), user1)).isFalse();
        var identity = channel.deserializer().deserializeIdentity(user1.identity());
        assertThatThrownBy(() -> identity.satisfiesPrincipal(anonymous)).hasMessageContaining("does not support");
        MSPPrincipal nominal = anonymous.toBuilder().setPrincipal(MSPIdentityAnonymity.newBuilder()
                .setAnonymityType(MSPIdentityAnonymity.MSPIdentityAnonymityType.NOMINAL).build().toByteString()).build();
        assertThat(ok(single(nominal), user1)).isTrue();
    }

    @Test
    void outOfEdgeCases() throws Exception {
        assertThat(ok(dsl("OutOf(0, 'Org1MSP.member')"))).isTrue();
        assertThat(ok(dsl("OutOf(2, 'Org1MSP.member')"), user1, admin1)).isFalse(); // n above the rule count
        Policy nested = dsl("OR(AND('Org1MSP.member', 'Org2MSP.member'), AND('Org1MSP.admin', 'Org2MSP.admin'))");
        assertThat(ok(nested, user1, user2)).isTrue();
        assertThat(ok(nested, admin1, admin2)).isTrue();
        assertThat(ok(nested, user1, admin1)).isFalse();
        assertThat(ok(dsl("OutOf(2, 'Org1MSP.member', 'Org2MSP.member', 'OrdererMSP.member')"), orderer, user2)).isTrue();
    }

    @Test
    void oneIdentitySatisfiesOneLeafAndDuplicatesAreDropped() throws Exception {
        Policy twoMembers = dsl("AND('Org1MSP.member', 'Org1MSP.member')");
        assertThat(ok(twoMembers, user1, user1)).isFalse();
        assertThat(ok(twoMembers, user1, admin1)).isTrue();
        SignedData otherSig = Signers.sign(Signers.user1("org1"), "other".getBytes(StandardCharsets.UTF_8));
        assertThat(SignatureSets.validIdentities(List.of(user1, otherSig), channel.deserializer())).hasSize(1);
    }

    @Test
    void leavesTakeTheFirstMatchingIdentityGreedilyAsFabricDoes() throws Exception {
        // A perfect matching exists (admin1 -> admin, user1 -> member), but Fabric's first leaf takes admin1.
        Policy p = dsl("AND('Org1MSP.member', 'Org1MSP.admin')");
        assertThat(ok(p, user1, admin1)).isTrue();
        assertThat(ok(p, admin1, user1)).isFalse();
    }

    @Test
    void badSignaturesAndUnknownMspsDoNotCount() throws Exception {
        Policy member = dsl("OR('Org1MSP.member')");
        SignedData tampered = new SignedData(ByteString.copyFromUtf8("tampered"), user1.identity(), user1.signature());
        assertThat(ok(member, tampered)).isFalse();
        // a bad signature first does not block the same identity's good one after it
        assertThat(ok(member, tampered, user1)).isTrue();
        SerializedIdentity sid = SerializedIdentity.parseFrom(user1.identity());
        SignedData unknown = new SignedData(user1.data(), sid.toBuilder().setMspid("NoSuchMSP").build().toByteString(),
                user1.signature());
        assertThat(SignatureSets.validIdentities(List.of(unknown), channel.deserializer())).isEmpty();
        assertThat(ok(dsl("OR('NoSuchMSP.member')"), unknown)).isFalse();
    }

    @Test
    void compileErrors() {
        SignaturePolicyEnvelope outOfRange = SignaturePolicyEnvelope.newBuilder()
                .setRule(SignaturePolicy.newBuilder().setSignedBy(1))
                .addIdentities(Principals.role("A", MSPRole.MSPRoleType.MEMBER)).build();
        assertThatThrownBy(() -> CompiledSignaturePolicy.compile(outOfRange, channel.deserializer()))
                .hasMessage("identity index out of range, requested 1, but identities length is 1");
        byte[] v1 = PolicyDsl.parse("OR('A.member')").toBuilder().setVersion(1).build().toByteArray();
        assertThatThrownBy(() -> CompiledSignaturePolicy.fromBytes(v1, channel.deserializer()))
                .hasMessage("This evaluator only understands messages of version 0, but version was 1");
        assertThatThrownBy(() -> CompiledSignaturePolicy.compile(SignaturePolicyEnvelope.getDefaultInstance(),
                channel.deserializer())).hasMessage("Empty policy element");
    }

    @Test
    void twoOfTwoWithWarmCachesAsTheBenchmarkRunsIt() throws Exception {
        Policy p = dsl("AND('Org1MSP.member', 'Org2MSP.member')");
        List<SignedData> both = List.of(user1, user2);
        for (int i = 0; i < 3; i++) {
            assertThatCode(() -> p.evaluateSignedData(both)).doesNotThrowAnyException();
        }
    }
}
