package io.weft.tools.cryptogen;

import io.weft.testing.FabricVectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.msp.Identity;
import io.weft.msp.LocalMsp;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.Msp;
import io.weft.msp.MspSigningIdentity;
import io.weft.msp.Msps;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code cryptogen generate} on the vectors' crypto-config.yaml makes what Fabric's cryptogen made. */
class GenerateVectorsTest {

    private static final byte[] MESSAGE = "proposal bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path tmp;
    static Path out;
    static String stdout;

    @BeforeAll
    static void generate() throws Exception {
        out = tmp.resolve("crypto-config");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = CryptogenMain.run(new String[] {"generate", "--config=" + FabricVectors.cryptoConfigYaml(),
            "--output", out.toString()}, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        stdout = o.toString(StandardCharsets.UTF_8);
        assertThat(e.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(code).isZero();
    }

    @Test
    void printsEachPeerOrganization() {
        assertThat(stdout).isEqualTo("org1.example.com\norg2.example.com\n");
    }

    @Test
    void sameFilesAsFabricCryptogen() throws IOException {
        assertThat(FabricVectors.files(out)).containsExactlyElementsOf(FabricVectors.files(FabricVectors.cryptoConfig()));
    }

    @Test
    void nodeOuConfigIsByteForByteCryptogens() throws IOException {
        for (String f : FabricVectors.files(FabricVectors.cryptoConfig())) {
            if (f.endsWith("config.yaml")) {
                assertThat(out.resolve(f)).as(f).hasSameBinaryContentAs(FabricVectors.cryptoConfig().resolve(f));
            }
        }
    }

    static Stream<String> certificateFiles() throws IOException {
        return FabricVectors.files(FabricVectors.cryptoConfig()).stream()
                .filter(f -> f.endsWith(".pem") || f.endsWith(".crt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificateFiles")
    void certificateHasCryptogensStructure(String file) throws Exception {
        X509CertificateHolder ours = cert(out.resolve(file));
        X509CertificateHolder theirs = cert(FabricVectors.cryptoConfig().resolve(file));

        assertThat(ours.getVersionNumber()).isEqualTo(theirs.getVersionNumber()).isEqualTo(3);
        assertThat(ours.getSignatureAlgorithm()).isEqualTo(theirs.getSignatureAlgorithm());
        assertThat(ours.getSubjectPublicKeyInfo().getAlgorithm()).isEqualTo(theirs.getSubjectPublicKeyInfo().getAlgorithm());
        assertThat(rdns(ours.getSubject())).isEqualTo(rdns(theirs.getSubject()));
        assertThat(rdns(ours.getIssuer())).isEqualTo(rdns(theirs.getIssuer()));
        // byte-identical names: Go's PrintableString/UTF8String choice per value
        assertThat(ours.getSubject().getEncoded()).isEqualTo(theirs.getSubject().getEncoded());
        assertThat(ours.getIssuer().getEncoded()).isEqualTo(theirs.getIssuer().getEncoded());
        assertThat(validity(ours)).isEqualTo(validity(theirs)).isEqualTo(Duration.ofDays(3650));
        assertThat(ours.getSerialNumber().signum()).isPositive();
        assertThat(ours.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);

        assertThat(extensionShape(ours.getExtensions())).isEqualTo(extensionShape(theirs.getExtensions()));
        for (var oid : List.of(Extension.keyUsage, Extension.extendedKeyUsage, Extension.basicConstraints,
                Extension.subjectAlternativeName)) {
            Extension a = ours.getExtension(oid);
            Extension b = theirs.getExtension(oid);
            assertThat(a == null ? null : a.getExtnValue()).as(oid.getId()).isEqualTo(b == null ? null : b.getExtnValue());
        }
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(ours.getExtensions());
        if (ski != null) {
            assertThat(ski.getKeyIdentifier()).hasSize(32);
        }
    }

    @Test
    void privateKeysAreGoPkcs8() throws IOException {
        for (String f : FabricVectors.files(FabricVectors.cryptoConfig())) {
            if (f.endsWith("priv_sk") || f.endsWith(".key")) {
                byte[] ours = Pems.decode(Files.readString(out.resolve(f)), "PRIVATE KEY").orElseThrow();
                byte[] theirs = Pems.decode(Files.readString(FabricVectors.cryptoConfig().resolve(f)), "PRIVATE KEY")
                        .orElseThrow();
                assertThat(ours).as(f).hasSize(theirs.length);
                // header up to the 32-byte scalar, then the [1] public key header: all but key material
                assertThat(Arrays.copyOf(ours, 36)).as(f).isEqualTo(Arrays.copyOf(theirs, 36));
                assertThat(Arrays.copyOfRange(ours, 68, 74)).as(f).isEqualTo(Arrays.copyOfRange(theirs, 68, 74));
            }
        }
    }

    @Test
    void leafAuthorityKeyIdIsItsCasSubjectKeyId() throws Exception {
        Path org1 = out.resolve("peerOrganizations/org1.example.com");
        byte[] caSki = ski(cert(org1.resolve("ca/ca.org1.example.com-cert.pem")));
        byte[] tlsSki = ski(cert(org1.resolve("tlsca/tlsca.org1.example.com-cert.pem")));
        assertThat(aki(cert(org1.resolve("peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem"))))
                .isEqualTo(caSki);
        assertThat(aki(cert(org1.resolve("peers/peer0.org1.example.com/tls/server.crt")))).isEqualTo(tlsSki);
        assertThat(caSki).isNotEqualTo(tlsSki);
    }

    record Signer(Path msp, String mspId, MSPRoleType role) {
        @Override
        public String toString() {
            return msp.getParent().getFileName().toString();
        }
    }

    static Stream<Signer> signers() throws IOException {
        List<Signer> all = new ArrayList<>();
        for (String f : FabricVectors.files(out)) {
            if (f.contains("/msp/signcerts/")) {
                String mspId = f.contains("org1.example.com") ? "Org1MSP" : f.contains("org2.example.com") ? "Org2MSP"
                        : "OrdererMSP";
                MSPRoleType role = f.contains("/peers/") ? MSPRoleType.PEER : f.contains("/orderers/")
                        ? MSPRoleType.ORDERER : f.contains("/Admin@") ? MSPRoleType.ADMIN : MSPRoleType.CLIENT;
                all.add(new Signer(out.resolve(f.substring(0, f.indexOf("/signcerts/"))), mspId, role));
            }
        }
        assertThat(all).hasSize(9);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signers")
    void identityLoadsSignsAndHasItsRole(Signer s) throws Exception {
        Bccsp bccsp = Bccsp.software(SwOptions.defaults());
        Path orgMsp = s.msp().getParent().getParent().getParent().resolve("msp");
        Msp org = Msps.loadVerifying(orgMsp, s.mspId(), bccsp);

        LocalMsp local = Msps.loadLocal(LocalMspSettings.of(s.msp(), s.mspId()));
        MspSigningIdentity signer = local.signingIdentity();
        byte[] sig = signer.sign(MESSAGE);
        signer.verify(MESSAGE, sig);

        ByteString serialized = signer.serialize();
        byte[] signcert = Files.readAllBytes(Files.list(s.msp().resolve("signcerts")).findFirst().orElseThrow());
        assertThat(SerializedIdentity.parseFrom(serialized).getIdBytes().toByteArray())
                .as("certificates are issued low-S, so the MSP does not rewrite them").isEqualTo(signcert);

        Identity id = org.deserializeIdentity(serialized.toByteArray());
        id.validate();
        id.verify(MESSAGE, sig);
        org.satisfiesRole(id, MSPRoleType.MEMBER);
        org.satisfiesRole(id, s.role());
        for (MSPRoleType other : List.of(MSPRoleType.ADMIN, MSPRoleType.CLIENT, MSPRoleType.PEER, MSPRoleType.ORDERER)) {
            if (other != s.role()) {
                assertThatThrownBy(() -> org.satisfiesRole(id, other)).as(other.name())
                        .hasMessageContaining("under this MSP [" + s.mspId() + "]");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signers")
    void tlsCertificateChainsToTheTlsCa(Signer s) throws Exception {
        Path tls = s.msp().resolveSibling("tls");
        String prefix = s.role() == MSPRoleType.PEER || s.role() == MSPRoleType.ORDERER ? "server" : "client";
        X509Certificate leaf = jdkCert(tls.resolve(prefix + ".crt"));
        Path orgDir = s.msp().getParent().getParent().getParent();
        Path tlsCaFile;
        try (Stream<Path> files = Files.list(orgDir.resolve("tlsca"))) {
            tlsCaFile = files.filter(p -> p.toString().endsWith("-cert.pem")).findFirst().orElseThrow();
        }
        X509Certificate tlsCa = jdkCert(tlsCaFile);
        leaf.verify(tlsCa.getPublicKey());
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(tlsCa.getSubjectX500Principal());
        assertThat(tls.resolve("ca.crt")).hasSameBinaryContentAs(tlsCaFile);
        // the key beside the certificate is its key
        var key = EcKeys.read(tls.resolve(prefix + ".key"));
        assertThat(EcKeys.subjectPublicKeyInfo(EcKeys.publicKey(key)).getEncoded())
                .isEqualTo(leaf.getPublicKey().getEncoded());
    }

    // --- helpers ---

    static X509CertificateHolder cert(Path file) throws IOException {
        return new X509CertificateHolder(Pems.decode(Files.readString(file), "CERTIFICATE").orElseThrow());
    }

    static X509Certificate jdkCert(Path file) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    /** Per RDN: each attribute's type, ASN.1 string class and value. */
    static List<List<String>> rdns(X500Name name) {
        List<List<String>> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            List<String> atvs = new ArrayList<>();
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                ASN1Encodable v = atv.getValue();
                atvs.add(atv.getType().getId() + " " + v.getClass().getSimpleName() + " " + v);
            }
            out.add(atvs);
        }
        return out;
    }

    static List<String> extensionShape(Extensions ext) {
        return Arrays.stream(ext.getExtensionOIDs()).map(oid -> oid.getId() + (ext.getExtension(oid).isCritical()
                ? " critical" : "")).toList();
    }

    static Duration validity(X509CertificateHolder c) {
        return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
    }

    static byte[] ski(X509CertificateHolder c) {
        return SubjectKeyIdentifier.fromExtensions(c.getExtensions()).getKeyIdentifier();
    }

    static byte[] aki(X509CertificateHolder c) {
        return AuthorityKeyIdentifier.fromExtensions(c.getExtensions()).getKeyIdentifierObject().getOctets();
    }
}
