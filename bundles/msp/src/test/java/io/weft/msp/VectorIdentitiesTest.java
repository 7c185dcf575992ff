package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.testing.ChannelBlocks;
import io.weft.testing.FabricVectors;

import org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every identity cryptogen made is accepted exactly as Fabric accepts it. */
class VectorIdentitiesTest {

    private static final byte[] MESSAGE = "proposal bytes".getBytes(StandardCharsets.UTF_8);

    private static Bccsp bccsp;
    private static MspManager channel;
    private static Map<String, Msp> orgMsps;

    /** One signing identity folder of the vectors. */
    record Vector(Path dir, String mspId, MSPRoleType role) {
        @Override
        public String toString() {
            return FabricVectors.cryptoConfig().relativize(dir).toString();
        }
    }

    static Stream<Vector> vectors() throws IOException {
        List<Vector> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(FabricVectors.cryptoConfig())) {
            for (Path keystore : s.filter(p -> p.getFileName().toString().equals("keystore")).sorted().toList()) {
                Path msp = keystore.getParent();
                String path = msp.toString();
                String mspId = path.contains("org1.example.com") ? "Org1MSP"
                        : path.contains("org2.example.com") ? "Org2MSP" : "OrdererMSP";
                MSPRoleType role = path.contains("/peers/") ? MSPRoleType.PEER
                        : path.contains("/orderers/") ? MSPRoleType.ORDERER
                        : path.contains("/Admin@") ? MSPRoleType.ADMIN : MSPRoleType.CLIENT;
                out.add(new Vector(msp, mspId, role));
            }
        }
        assertThat(out).as("signing identities in the vectors").hasSize(9);
        return out.stream();
    }

    @BeforeAll
    static void channelMsps() throws Exception {
        bccsp = Bccsp.software(SwOptions.defaults());
        Path block = FabricVectors.root().resolve("mychannel.block");
        MspVersion version = MspVersion.forChannelCapabilities(ChannelBlocks.channelCapabilities(block));
        assertThat(version).isEqualTo(MspVersion.V1_4_3);
        List<Msp> msps = new ArrayList<>();
        for (MSPConfig c : ChannelBlocks.mspConfigs(block).values()) {
            msps.add(Msps.fromConfig(c, version, bccsp));
        }
        channel = Msps.manager(msps);
        assertThat(channel.msps()).containsOnlyKeys("Org1MSP", "Org2MSP", "OrdererMSP");
        orgMsps = Map.of(
                "Org1MSP", Msps.loadVerifying(FabricVectors.org1().resolve("msp"), "Org1MSP", bccsp),
                "Org2MSP", Msps.loadVerifying(FabricVectors.org2().resolve("msp"), "Org2MSP", bccsp),
                "OrdererMSP", Msps.loadVerifying(FabricVectors.ordererOrg().resolve("msp"), "OrdererMSP", bccsp));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void loadsSignsAndValidatesWithItsRole(Vector v) throws Exception {
        LocalMsp local = Msps.loadLocal(LocalMspSettings.of(v.dir(), v.mspId()));
        MspSigningIdentity signer = local.signingIdentity();
        assertThat(signer.mspId()).isEqualTo(v.mspId());

        byte[] sig = signer.sign(MESSAGE);
        signer.verify(MESSAGE, sig);
        ByteString serialized = signer.serialize();
        SerializedIdentity sid = SerializedIdentity.parseFrom(serialized);
        assertThat(sid.getMspid()).isEqualTo(v.mspId());
        byte[] signcert = Files.readAllBytes(Files.list(v.dir().resolve("signcerts")).findFirst().orElseThrow());
        assertThat(sid.getIdBytes().toByteArray()).as("cryptogen certificates are already low-S").isEqualTo(signcert);

        for (IdentityDeserializer d : List.of(local.msp(), orgMsps.get(v.mspId()), channel)) {
            Identity id = d.deserializeIdentity(serialized);
            id.validate();
            id.verify(MESSAGE, sig);
            assertThat(id.id()).isEqualTo(signer.id());
            d.isWellFormed(sid);
        }
        Msp msp = channel.msp(v.mspId()).orElseThrow();
        Identity id = channel.deserializeIdentity(serialized);
        msp.satisfiesRole(id, MSPRoleType.MEMBER);
        msp.satisfiesRole(id, v.role());
        for (MSPRoleType other : EnumSet.of(MSPRoleType.ADMIN, MSPRoleType.CLIENT, MSPRoleType.PEER, MSPRoleType.ORDERER)) {
            if (other != v.role()) {
                assertThatThrownBy(() -> msp.satisfiesRole(id, other)).isInstanceOf(MspException.class)
                        .hasMessageContaining("under this MSP [" + v.mspId() + "]");
            }
        }
        assertThat(id.organizationalUnits()).extracting(OUIdentifier::organizationalUnitIdentifier)
                .containsExactly(v.role().name().toLowerCase());

        // the local MSP judges admins the same way: the basis of the peer's local admin checks
        if (v.role() == MSPRoleType.ADMIN) {
            local.msp().satisfiesRole(local.msp().deserializeIdentity(serialized), MSPRoleType.ADMIN);
        }

        // every other MSP refuses it
        for (Msp otherMsp : channel.msps().values()) {
            if (!otherMsp.id().equals(v.mspId())) {
                assertThatThrownBy(() -> otherMsp.deserializeIdentity(serialized))
                        .hasMessage("expected MSP ID " + otherMsp.id() + ", received " + v.mspId());
                ByteString claimed = sid.toBuilder().setMspid(otherMsp.id()).build().toByteString();
                assertThatThrownBy(() -> channel.deserializeIdentity(claimed))
                        .hasMessageStartingWith("the supplied identity is not valid: x509: certificate signed by unknown authority");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void tlsCertificatesAreNotMembers(Vector v) throws Exception {
        Path tls = v.dir().getParent().resolve("tls");
        Path cert = Files.exists(tls.resolve("server.crt")) ? tls.resolve("server.crt") : tls.resolve("client.crt");
        ByteString serialized = SerializedIdentity.newBuilder().setMspid(v.mspId())
                .setIdBytes(ByteString.copyFrom(Files.readAllBytes(cert))).build().toByteString();
        assertThatThrownBy(() -> channel.deserializeIdentity(serialized))
                .hasMessageStartingWith("the supplied identity is not valid: x509: certificate signed by unknown authority");
        assertThat(channel.msp(v.mspId()).orElseThrow().tlsRootCerts()).hasSize(1);
    }

    @Test
    void caCertificatesAreNotIdentities() throws Exception {
        byte[] caPem = Files.readAllBytes(FabricVectors.org1().resolve("ca/ca.org1.example.com-cert.pem"));
        ByteString serialized = SerializedIdentity.newBuilder().setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFrom(caPem)).build().toByteString();
        Identity ca = channel.deserializeIdentity(serialized);
        assertThatThrownBy(ca::validate).hasMessage("could not obtain certification chain: An X509 certificate with Basic "
                + "Constraint: Certificate Authority equals true cannot be used as an identity");
    }

    @Test
    void channelAndFolderMspsAgree() throws Exception {
        Set<String> ids = channel.msps().keySet();
        for (String id : ids) {
            Msp fromBlock = channel.msp(id).orElseThrow();
            Msp fromFolder = orgMsps.get(id);
            assertThat(fromBlock.tlsRootCerts()).isEqualTo(fromFolder.tlsRootCerts());
            assertThat(fromBlock.version()).isEqualTo(MspVersion.V1_4_3);
        }
        assertThatThrownBy(() -> channel.msp("Org1MSP").orElseThrow().defaultSigningIdentity())
                .hasMessage("this MSP does not possess a valid default signing identity");
    }

    @Test
    void legacySystemChannelMspsAreSetUp() throws Exception {
        Path block = FabricVectors.root().resolve("system-genesis-1.4.block");
        MspVersion version = MspVersion.forChannelCapabilities(ChannelBlocks.channelCapabilities(block));
        List<Msp> msps = new ArrayList<>();
        for (MSPConfig c : ChannelBlocks.mspConfigs(block).values()) {
            msps.add(Msps.fromConfig(c, version, bccsp));
        }
        MspManager legacy = Msps.manager(msps);
        LocalMsp user = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org1().resolve("users/User1@org1.example.com/msp"), "Org1MSP"));
        legacy.deserializeValid(user.signingIdentity().serialize());
    }
}
