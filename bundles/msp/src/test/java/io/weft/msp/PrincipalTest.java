package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.testing.ChannelBlocks;
import io.weft.testing.FabricVectors;

import org.hyperledger.fabric.protos.common.CombinedPrincipal;
import org.hyperledger.fabric.protos.common.MSPIdentityAnonymity;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PrincipalTest {

    private static Bccsp bccsp;
    private static MSPConfig org1Config;
    private static Msp org1;
    private static ByteString user;
    private static ByteString admin;
    private static ByteString peer;

    @BeforeAll
    static void setUp() throws Exception {
        bccsp = Bccsp.software(SwOptions.defaults());
        org1Config = ChannelBlocks.mspConfigs(FabricVectors.root().resolve("mychannel.block")).get("Org1MSP");
        org1 = Msps.fromConfig(org1Config, MspVersion.V1_4_3, bccsp);
        user = local("users/User1@org1.example.com/msp");
        admin = local("users/Admin@org1.example.com/msp");
        peer = local("peers/peer0.org1.example.com/msp");
    }

    private static ByteString local(String path) throws MspException {
        Path dir = FabricVectors.org1().resolve(path);
        return Msps.loadLocal(LocalMspSettings.of(dir, "Org1MSP")).signingIdentity().serialize();
    }

    @Test
    void identityPrincipal() throws Exception {
        Identity u = org1.deserializeIdentity(user);
        u.satisfiesPrincipal(Principals.identity(user));
        assertThatThrownBy(() -> org1.satisfiesPrincipal(org1.deserializeIdentity(admin), Principals.identity(user)))
                .hasMessage("The identities do not match");
        assertThatThrownBy(() -> u.satisfiesPrincipal(Principals.identity(ByteString.copyFromUtf8("junk"))))
                .hasMessageStartingWith("invalid identity principal, not a certificate: could not deserialize a SerializedIdentity");
    }

    @Test
    void organizationUnitPrincipal() throws Exception {
        Identity u = org1.deserializeIdentity(user);
        OUIdentifier ou = u.organizationalUnits().get(0);
        u.satisfiesPrincipal(Principals.organizationUnit("Org1MSP", "client", ou.certifiersIdentifier()));
        assertThatThrownBy(() -> u.satisfiesPrincipal(Principals.organizationUnit("Org1MSP", "client", new byte[32])))
                .hasMessage("The identities do not match");
        assertThatThrownBy(() -> u.satisfiesPrincipal(Principals.organizationUnit("Org2MSP", "client", ou.certifiersIdentifier())))
                .hasMessage("the identity is a member of a different MSP (expected Org2MSP, got Org1MSP)");
        assertThatThrownBy(() -> u.satisfiesPrincipal(Principals.role("Org2MSP", MSPRoleType.MEMBER)))
                .hasMessage("the identity is a member of a different MSP (expected Org2MSP, got Org1MSP)");
    }

    @Test
    void combinedAndAnonymity() throws Exception {
        Identity u = org1.deserializeIdentity(user);
        u.satisfiesPrincipal(Principals.combined(List.of(Principals.role("Org1MSP", MSPRoleType.MEMBER),
                Principals.combined(List.of(Principals.role("Org1MSP", MSPRoleType.CLIENT))))));
        assertThatThrownBy(() -> u.satisfiesPrincipal(Principals.combined(List.of(
                Principals.role("Org1MSP", MSPRoleType.CLIENT), Principals.role("Org1MSP", MSPRoleType.ADMIN)))))
                .hasMessageStartingWith("The identity is not an admin under this MSP [Org1MSP]: ");
        assertThatThrownBy(() -> u.satisfiesPrincipal(MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.COMBINED)
                .setPrincipal(CombinedPrincipal.getDefaultInstance().toByteString()).build()))
                .hasMessage("No principals in CombinedPrincipal");
        u.satisfiesPrincipal(anonymity(MSPIdentityAnonymity.MSPIdentityAnonymityType.NOMINAL));
        assertThatThrownBy(() -> u.satisfiesPrincipal(anonymity(MSPIdentityAnonymity.MSPIdentityAnonymityType.ANONYMOUS)))
                .hasMessage("Principal is anonymous, but X.509 MSP does not support anonymous identities");
        assertThatThrownBy(() -> u.satisfiesPrincipal(MSPPrincipal.newBuilder().setPrincipalClassificationValue(9).build()))
                .hasMessage("invalid principal type 9");
    }

    @Test
    void rolesRepeatedlyGiveTheSameAnswer() throws Exception {
        Identity p = org1.deserializeIdentity(peer);
        for (int i = 0; i < 3; i++) {
            org1.satisfiesRole(p, MSPRoleType.PEER);
            assertThatThrownBy(() -> org1.satisfiesRole(p, MSPRoleType.ADMIN))
                    .hasMessage("The identity is not an admin under this MSP [Org1MSP]: The identity does not contain OU "
                            + "[ADMIN], MSP: [Org1MSP]");
        }
    }

    @Test
    void olderMspVersionsBehaveAsTheyDidInFabric() throws Exception {
        Msp v10 = Msps.fromConfig(org1Config, MspVersion.V1_0, bccsp);
        Identity u10 = v10.deserializeIdentity(user);
        u10.validate();
        v10.deserializeIdentity(admin).validate();
        assertThatThrownBy(() -> v10.satisfiesRole(u10, MSPRoleType.ADMIN)).hasMessage("This identity is not an admin");
        assertThatThrownBy(() -> v10.satisfiesRole(u10, MSPRoleType.CLIENT))
                .hasMessage("The identity is not a [CLIENT] under this MSP [Org1MSP]: NodeOUs not activated. Cannot tell "
                        + "apart identities.");
        assertThatThrownBy(() -> u10.satisfiesPrincipal(Principals.combined(List.of(Principals.role("Org1MSP", MSPRoleType.MEMBER)))))
                .hasMessage("invalid principal type 4");
        assertThatThrownBy(() -> u10.satisfiesPrincipal(anonymity(MSPIdentityAnonymity.MSPIdentityAnonymityType.NOMINAL)))
                .hasMessage("invalid principal type 3");

        // 1.1 knows client and peer OUs only: an admin-OU identity is not valid there
        Msp v11 = Msps.fromConfig(org1Config, MspVersion.V1_1, bccsp);
        v11.satisfiesRole(v11.deserializeIdentity(peer), MSPRoleType.PEER);
        assertThatThrownBy(() -> v11.deserializeIdentity(admin).validate())
                .hasMessageStartingWith("could not validate identity's OUs: the identity does not have an OU that "
                        + "resolves to client or peer. OUs: [admin(");
        assertThatThrownBy(() -> v11.satisfiesRole(v11.deserializeIdentity(peer), MSPRoleType.ORDERER))
                .hasMessage("invalid MSP role type 4");

        Msp v13 = Msps.fromConfig(org1Config, MspVersion.V1_3, bccsp);
        Identity u13 = v13.deserializeIdentity(user);
        u13.satisfiesPrincipal(anonymity(MSPIdentityAnonymity.MSPIdentityAnonymityType.NOMINAL));
        u13.satisfiesPrincipal(Principals.combined(List.of(Principals.role("Org1MSP", MSPRoleType.CLIENT))));
        assertThat(v13.version()).isEqualTo(MspVersion.V1_3);
    }

    private static MSPPrincipal anonymity(MSPIdentityAnonymity.MSPIdentityAnonymityType type) {
        return MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ANONYMITY)
                .setPrincipal(MSPIdentityAnonymity.newBuilder().setAnonymityType(type).build().toByteString()).build();
    }
}
