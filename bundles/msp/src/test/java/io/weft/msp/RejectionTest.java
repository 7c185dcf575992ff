package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.EcCurve;
import io.weft.bccsp.EcdsaSignature;
import io.weft.bccsp.Pem;
import io.weft.bccsp.SwOptions;
import io.weft.testing.FabricVectors;
import io.weft.testing.TestPki;

import org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identities Fabric refuses are refused, each with a message that names the reason. */
class RejectionTest {

    private static final byte[] MESSAGE = "tx".getBytes(StandardCharsets.UTF_8);

    private static Bccsp bccsp;
    private static Msp org1;
    private static Org1Ca ca;
    private static LocalMsp user1;

    @BeforeAll
    static void setUp() throws Exception {
        bccsp = Bccsp.software(SwOptions.defaults());
        org1 = Msps.loadVerifying(FabricVectors.org1().resolve("msp"), "Org1MSP", bccsp);
        ca = new Org1Ca();
        user1 = Msps.loadLocal(LocalMspSettings.of(FabricVectors.org1().resolve("users/User1@org1.example.com/msp"), "Org1MSP"));
    }

    @Test
    void crossOrgIdentity() throws Exception {
        LocalMsp org2User = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org2().resolve("users/User1@org2.example.com/msp"), "Org2MSP"));
        assertThatThrownBy(() -> org1.deserializeIdentity(org2User.signingIdentity().serialize()))
                .hasMessage("expected MSP ID Org1MSP, received Org2MSP");
        SerializedIdentity claimed = SerializedIdentity.parseFrom(org2User.signingIdentity().serialize()).toBuilder()
                .setMspid("Org1MSP").build();
        assertThatThrownBy(() -> org1.deserializeIdentity(claimed.toByteString()))
                .hasMessage("the supplied identity is not valid: x509: certificate signed by unknown authority");
    }

    @Test
    void wrongCaWithTheSameName() {
        // an impostor CA with org1's CA name and key identifier, but another key
        var impostorKey = TestPki.ec256();
        TestPki.Issued forged = TestPki.issue(ca.subject, impostorKey.getPrivate(), ca.ski,
                TestPki.name("User9@org1.example.com", "client"), TestPki.ec256(),
                ca.notBefore().plusSeconds(60), ca.notBefore().plus(Duration.ofDays(30)), false, b -> { });
        assertThatThrownBy(() -> org1.deserializeIdentity(Org1Ca.serialized("Org1MSP", forged.pem())))
                .hasMessage("the supplied identity is not valid: x509: certificate signed by unknown authority "
                        + "(possibly because of \"x509: ECDSA verification failure\" while trying to verify candidate "
                        + "authority certificate \"ca.org1.example.com\")");
    }

    @Test
    void tamperedCertificate() throws Exception {
        byte[] pem = Files.readAllBytes(FabricVectors.org1().resolve(
                "users/User1@org1.example.com/msp/signcerts/User1@org1.example.com-cert.pem"));
        byte[] der = Pem.decode(pem).orElseThrow().bytes();
        String text = new String(der, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("User1@org1");
        assertThat(at).isPositive();
        der[at] = 'X';
        assertThatThrownBy(() -> org1.deserializeIdentity(Org1Ca.serialized("Org1MSP", Pem.encode("CERTIFICATE", der))))
                .hasMessageStartingWith("the supplied identity is not valid: x509: certificate signed by unknown authority "
                        + "(possibly because of \"x509: ECDSA verification failure\"");
    }

    @Test
    void highSSignatureIsRefused() throws Exception {
        MspSigningIdentity signer = user1.signingIdentity();
        EcdsaSignature low = EcdsaSignature.fromDer(signer.sign(MESSAGE));
        byte[] high = new EcdsaSignature(low.r(), EcCurve.P256.order().subtract(low.s())).toDer();
        Identity id = org1.deserializeIdentity(signer.serialize());
        id.verify(MESSAGE, low.toDer());
        assertThatThrownBy(() -> id.verify(MESSAGE, high))
                .hasMessageStartingWith("could not determine the validity of the signature: Invalid S. Must be smaller "
                        + "than half the order [");
        assertThatThrownBy(() -> id.verify("other".getBytes(StandardCharsets.UTF_8), low.toDer()))
                .hasMessage("The signature is invalid");
        assertThatThrownBy(() -> id.verify(MESSAGE, new byte[] {1, 2, 3}))
                .hasMessageStartingWith("could not determine the validity of the signature: Failed unmashalling signature");
    }

    @Test
    void highSCertificateIsSanitisedNotRefused() throws Exception {
        Identity original = org1.deserializeIdentity(user1.signingIdentity().serialize());
        byte[] flipped = TestPki.flipS(original.certificateDer(), EcCurve.P256);
        SerializedIdentity sid = SerializedIdentity.newBuilder().setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFrom(Pem.encode("CERTIFICATE", flipped))).build();
        org1.isWellFormed(sid);
        Identity id = org1.deserializeIdentity(sid.toByteString());
        id.validate();
        assertThat(id.id()).isEqualTo(original.id());
        assertThat(id.certificateDer()).isEqualTo(original.certificateDer());
        assertThat(id.serialize()).isEqualTo(original.serialize());
    }

    @Test
    void nonCanonicalSignatureEncoding() {
        TestPki.Issued leaf = ca.issue("User7@org1.example.com", TestPki.ec256(), "client");
        byte[] odd = TestPki.withSignatureTrailer(leaf.der());
        SerializedIdentity sid = SerializedIdentity.newBuilder().setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFrom(Pem.encode("CERTIFICATE", odd))).build();
        assertThatThrownBy(() -> org1.isWellFormed(sid)).hasMessageEndingWith("has a non canonical signature");
        assertThatThrownBy(() -> org1.deserializeIdentity(sid.toByteString()))
                .hasMessageContaining("x509: ECDSA verification failure");
    }

    @Test
    void malformedInput() {
        assertThatThrownBy(() -> org1.deserializeIdentity(new byte[] {(byte) 0xff, 1, 2}))
                .hasMessageStartingWith("could not deserialize a SerializedIdentity: ");
        assertThatThrownBy(() -> org1.deserializeIdentity(Org1Ca.serialized("Org1MSP", "junk".getBytes(StandardCharsets.UTF_8))))
                .hasMessage("could not decode the PEM structure");
        assertThatThrownBy(() -> org1.deserializeIdentity(Org1Ca.serialized("Org1MSP", Pem.encode("CERTIFICATE", new byte[] {0x30, 0x03, 1, 1, 1}))))
                .hasMessageStartingWith("parseCertificate failed: x509: ");
        assertThatThrownBy(() -> org1.deserializeIdentity(Org1Ca.serialized("Org1MSP", Pem.encode("CERTIFICATE", new byte[0]))))
                .hasMessageStartingWith("parseCertificate failed: x509: ");
        SerializedIdentity trailing = SerializedIdentity.newBuilder().setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFrom(Pem.encode("CERTIFICATE", ca.issue("U", TestPki.ec256(), "client").der()))
                        .concat(ByteString.copyFromUtf8("\nmore")))
                .build();
        assertThatThrownBy(() -> org1.isWellFormed(trailing)).hasMessageEndingWith("has trailing bytes");
        SerializedIdentity wrongType = SerializedIdentity.newBuilder().setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFrom(Pem.encode("PUBLIC KEY", ca.issue("U", TestPki.ec256(), "client").der())))
                .build();
        assertThatThrownBy(() -> org1.isWellFormed(wrongType)).hasMessage("pem type is PUBLIC KEY, should be 'CERTIFICATE' or missing");
    }

    @Test
    void nonEcKeys() throws Exception {
        var ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        TestPki.Issued edLeaf = ca.issue("Ed@org1.example.com", ed, "client");
        assertThatThrownBy(() -> org1.deserializeIdentity(Org1Ca.serialized("Org1MSP", edLeaf.pem())))
                .hasMessage("failed to import certificate's public key: Certificate's public key type not recognized. "
                        + "Supported keys: [ECDSA, RSA]");

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        TestPki.Issued rsaLeaf = ca.issue("Rsa@org1.example.com", rsa.generateKeyPair(), "client");
        Identity id = org1.deserializeIdentity(Org1Ca.serialized("Org1MSP", rsaLeaf.pem()));
        id.validate();
        assertThatThrownBy(() -> id.verify(MESSAGE, new byte[] {0x30, 0x06, 2, 1, 1, 2, 1, 1}))
                .hasMessage("could not determine the validity of the signature: Unsupported 'VerifyKey' provided [*rsa.PublicKey]");
    }

    @Test
    void nodeOuClassification() throws Exception {
        Identity none = org1.deserializeIdentity(Org1Ca.serialized("Org1MSP", ca.issue("A", TestPki.ec256(), "sales").pem()));
        assertThatThrownBy(none::validate).hasMessageMatching("could not validate identity's OUs: the identity does not "
                + "have an OU that resolves to client, peer, orderer, or admin role\\. OUs: \\[sales\\([0-9A-F]{16}\\)\\], "
                + "MSP: \\[Org1MSP\\]");
        Identity two = org1.deserializeIdentity(Org1Ca.serialized("Org1MSP", ca.issue("B", TestPki.ec256(), "client", "peer").pem()));
        assertThatThrownBy(two::validate).hasMessageContaining("not a combination of them");
        Identity zero = org1.deserializeIdentity(Org1Ca.serialized("Org1MSP", ca.issue("C", TestPki.ec256()).pem()));
        assertThatThrownBy(zero::validate).hasMessageContaining("OUs: [], MSP: [Org1MSP]");
    }

    @Test
    void validityIsCheckedAtNotBeforePlusOneSecond() throws Exception {
        // NotAfter is ignored: a certificate that expired long ago is a valid member
        TestPki.Issued expired = ca.issue("Old@org1.example.com", TestPki.ec256(), ca.notBefore().plusSeconds(10),
                ca.notBefore().plusSeconds(20), b -> { }, "client");
        Identity id = org1.deserializeIdentity(Org1Ca.serialized("Org1MSP", expired.pem()));
        id.validate();
        org1.satisfiesRole(id, MSPRoleType.CLIENT);
        assertThat(id.expiresAt()).isBefore(Instant.now());

        // but the chain must hold at NotBefore+1s: here the CA is not valid yet (Go reports the CA's error)
        TestPki.Issued early = ca.issue("Early@org1.example.com", TestPki.ec256(), ca.notBefore().minusSeconds(3600),
                ca.notBefore().plus(Duration.ofDays(10)), b -> { }, "client");
        assertThatThrownBy(() -> org1.deserializeIdentity(Org1Ca.serialized("Org1MSP", early.pem())))
                .hasMessage("the supplied identity is not valid: x509: certificate has expired or is not yet valid: "
                        + "current time " + GoFormat.rfc3339(ca.notBefore().minusSeconds(3599)) + " is before "
                        + GoFormat.rfc3339(ca.notBefore()));
    }

    @Test
    void revokedByCrl(@TempDir Path tmp) throws Exception {
        Path msp = copyOrg1Msp(tmp);
        BigInteger user1Serial = serialOf(user1.signingIdentity());
        Files.createDirectories(msp.resolve("crls"));
        Files.write(msp.resolve("crls/crl.pem"), TestPki.crl(ca.subject, ca.key, ca.ski, List.of(user1Serial)));
        Msp withCrl = Msps.loadVerifying(msp, "Org1MSP", bccsp);
        Identity revoked = withCrl.deserializeIdentity(user1.signingIdentity().serialize());
        assertThatThrownBy(revoked::validate)
                .hasMessage("could not validate identity against certification chain: The certificate has been revoked");
        assertThatThrownBy(() -> withCrl.satisfiesRole(revoked, MSPRoleType.MEMBER))
                .hasMessageContaining("The certificate has been revoked");
        LocalMsp admin = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org1().resolve("users/Admin@org1.example.com/msp"), "Org1MSP"));
        withCrl.deserializeValid(admin.signingIdentity().serialize());
    }

    @Test
    void crlOfAnotherSignerIsIgnoredAndCrlWithoutAkiBreaksValidation(@TempDir Path tmp) throws Exception {
        Path msp = copyOrg1Msp(tmp);
        Files.createDirectories(msp.resolve("crls"));
        BigInteger serial = serialOf(user1.signingIdentity());
        Files.write(msp.resolve("crls/forged.pem"),
                TestPki.crl(ca.subject, TestPki.ec256().getPrivate(), ca.ski, List.of(serial)));
        Msps.loadVerifying(msp, "Org1MSP", bccsp).deserializeValid(user1.signingIdentity().serialize());

        Files.write(msp.resolve("crls/noaki.pem"), TestPki.crl(ca.subject, ca.key, null, List.of()));
        Msp broken = Msps.loadVerifying(msp, "Org1MSP", bccsp);
        assertThatThrownBy(() -> broken.deserializeValid(user1.signingIdentity().serialize()))
                .hasMessage("could not validate identity against certification chain: could not obtain Authority Key "
                        + "Identifier for crl: authorityKeyIdentifier not found in certificate");
    }

    @Test
    void folderErrors(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> Msps.loadLocal(LocalMspSettings.of(missing, "Org1MSP")))
                .hasMessageStartingWith("cannot init crypto, specified path \"" + missing + "\" does not exist or cannot be accessed");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> Msps.loadLocal(LocalMspSettings.of(file, "Org1MSP")))
                .hasMessage("cannot init crypto, specified path \"" + file + "\" is not a directory");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> Msps.loadLocal(LocalMspSettings.of(empty, "")))
                .hasMessage("the local MSP must have an ID");
        assertThatThrownBy(() -> Msps.loadLocal(LocalMspSettings.of(empty, "Org1MSP")))
                .hasMessage("could not load a valid signer certificate from directory " + empty.resolve("signcerts")
                        + ": stat " + empty.resolve("signcerts") + ": no such file or directory");
        Files.createDirectories(empty.resolve("signcerts"));
        Files.writeString(empty.resolve("signcerts/readme.txt"), "no pem");
        assertThatThrownBy(() -> Msps.loadLocal(LocalMspSettings.of(empty, "Org1MSP")))
                .hasMessageEndingWith("signcerts: no PEM file found");
        Files.write(empty.resolve("signcerts/cert.pem"), Files.readAllBytes(FabricVectors.org1().resolve(
                "users/User1@org1.example.com/msp/signcerts/User1@org1.example.com-cert.pem")));
        assertThatThrownBy(() -> Msps.loadLocal(LocalMspSettings.of(empty, "Org1MSP")))
                .hasMessage("could not load a valid ca certificate from directory " + empty.resolve("cacerts")
                        + ": stat " + empty.resolve("cacerts") + ": no such file or directory");
        Files.createDirectories(empty.resolve("cacerts"));
        Files.copy(FabricVectors.org1().resolve("msp/cacerts/ca.org1.example.com-cert.pem"), empty.resolve("cacerts/ca.pem"));
        assertThatThrownBy(() -> Msps.loadLocal(LocalMspSettings.of(empty, "Org1MSP")))
                .hasMessageStartingWith("error when setting up MSP of type bccsp from directory " + empty
                        + ": KeyMaterial not found in SigningIdentityInfo (key with SKI ")
                .hasMessageEndingWith(" not found in " + empty.resolve("keystore") + ")");
        Files.createDirectories(empty.resolve("keystore"));
        Files.copy(FabricVectors.org1().resolve("users/User1@org1.example.com/msp/keystore/priv_sk"),
                empty.resolve("keystore/whatever.key"));
        // no config.yaml: no NodeOUs, no admins
        assertThatThrownBy(() -> Msps.loadLocal(LocalMspSettings.of(empty, "Org1MSP")))
                .hasMessageEndingWith("administrators must be declared when no admin ou classification is set");
        Files.createDirectories(empty.resolve("admincerts"));
        Files.write(empty.resolve("admincerts/admin.pem"), Files.readAllBytes(FabricVectors.org1().resolve(
                "users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem")));
        LocalMsp ok = Msps.loadLocal(LocalMspSettings.of(empty, "Org1MSP"));
        assertThat(ok.signingIdentity().subject()).startsWith("CN=User1@org1.example.com,OU=client");
    }

    @Test
    void expiredSigningIdentityIsRefusedLocally(@TempDir Path tmp) throws Exception {
        Instant now = Instant.now();
        TestPki.Issued root = TestPki.ca("ca.test", TestPki.ec256(), now.minus(Duration.ofDays(800)), now.plus(Duration.ofDays(800)));
        TestPki.Issued leaf = TestPki.issue(root, TestPki.name("peer0.test", "peer"), TestPki.ec256(),
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(30)), false, b -> { });
        TestPki.writeMspFolder(tmp, root, leaf, true);
        assertThatThrownBy(() -> Msps.loadLocal(LocalMspSettings.of(tmp, "TestMSP")))
                .hasMessageMatching("error when setting up MSP of type bccsp from directory .*: signing identity expired "
                        + "7\\d\\dh\\d+m[0-9.]+s ago");
        Msp verifying = Msps.loadVerifying(tmp, "TestMSP", bccsp);
        Identity id = verifying.deserializeIdentity(Org1Ca.serialized("TestMSP", leaf.pem()));
        id.validate();
        verifying.satisfiesRole(id, MSPRoleType.PEER);
    }

    @Test
    void intermediatesAndLeafOnlyIssuers(@TempDir Path tmp) throws Exception {
        Instant now = Instant.now();
        TestPki.Issued root = TestPki.ca("root.test", TestPki.ec256(), now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(800)));
        TestPki.Issued inter = TestPki.issue(root, TestPki.name("ica.test"), TestPki.ec("secp384r1"),
                now.minus(Duration.ofDays(9)), now.plus(Duration.ofDays(700)), true, b -> { });
        TestPki.Issued leaf = TestPki.issue(inter, TestPki.name("user.test", "client"), TestPki.ec256(),
                now.minus(Duration.ofDays(8)), now.plus(Duration.ofDays(100)), false, b -> { });
        TestPki.writeMspFolder(tmp, root, leaf, false);
        Files.createDirectories(tmp.resolve("intermediatecerts"));
        Files.write(tmp.resolve("intermediatecerts/ica.pem"), inter.pem());
        Files.createDirectories(tmp.resolve("admincerts"));
        Files.write(tmp.resolve("admincerts/admin.pem"), leaf.pem());
        LocalMsp local = Msps.loadLocal(LocalMspSettings.of(tmp, "TestMSP"));
        Identity id = local.msp().deserializeIdentity(local.signingIdentity().serialize());
        id.validate();
        local.msp().satisfiesRole(id, MSPRoleType.ADMIN);
        assertThatThrownBy(() -> local.msp().satisfiesRole(id, MSPRoleType.CLIENT))
                .hasMessage("The identity is not a [CLIENT] under this MSP [TestMSP]: NodeOUs not activated. Cannot tell "
                        + "apart identities.");

        // the root has an intermediate below it: it may not issue identities directly
        TestPki.Issued direct = TestPki.issue(root, TestPki.name("direct.test", "client"), TestPki.ec256(),
                now.minus(Duration.ofDays(5)), now.plus(Duration.ofDays(100)), false, b -> { });
        Identity d = local.msp().deserializeIdentity(Org1Ca.serialized("TestMSP", direct.pem()));
        assertThatThrownBy(d::validate).hasMessageStartingWith("could not obtain certification chain: invalid validation "
                + "chain. Parent certificate should be a leaf of the certification tree");
        assertThatThrownBy(() -> local.msp().satisfiesRole(d, MSPRoleType.ADMIN)).hasMessage("This identity is not an admin");
    }

    @Test
    void organizationalUnitIdentifiersRestrictMembers(@TempDir Path tmp) throws Exception {
        Path msp = copyOrg1Msp(tmp);
        Files.writeString(msp.resolve("config.yaml"), Files.readString(msp.resolve("config.yaml"))
                + "OrganizationalUnitIdentifiers:\n  - Certificate: cacerts/ca.org1.example.com-cert.pem\n"
                + "    OrganizationalUnitIdentifier: peer\n");
        Msp restricted = Msps.loadVerifying(msp, "Org1MSP", bccsp);
        LocalMsp peer = Msps.loadLocal(LocalMspSettings.of(FabricVectors.org1().resolve("peers/peer0.org1.example.com/msp"), "Org1MSP"));
        restricted.deserializeValid(peer.signingIdentity().serialize());
        Identity user = restricted.deserializeIdentity(user1.signingIdentity().serialize());
        assertThatThrownBy(user::validate).hasMessageMatching("could not validate identity's OUs: none of the identity's "
                + "organizational units \\[client\\([0-9A-F]{16}\\)\\] are in MSP Org1MSP");
    }

    private static Path copyOrg1Msp(Path tmp) throws Exception {
        Path src = FabricVectors.org1().resolve("msp");
        Path dst = tmp.resolve("msp");
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }

    private static BigInteger serialOf(Identity id) {
        return id.serialNumber();
    }

    @Test
    void theGenuineIdentityPasses() {
        assertThatCode(() -> org1.deserializeIdentity(user1.signingIdentity().serialize()).validate()).doesNotThrowAnyException();
    }
}
