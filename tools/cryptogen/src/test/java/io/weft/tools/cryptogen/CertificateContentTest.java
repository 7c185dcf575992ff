package io.weft.tools.cryptogen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.msp.Identity;
import io.weft.msp.LocalMsp;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.Msp;
import io.weft.msp.Msps;

import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cryptogen puts in certificates beyond the vectors' configuration: CA subject fields, IP SANs, times. */
class CertificateContentTest {

    @TempDir
    Path tmp;

    @Test
    void caSpecFieldsAndRoleShareTheSubjectInGoOrder() throws Exception {
        NodeSpec ca = new NodeSpec("", "", "DE", "Berlin", "Berlin", "Hyperledger Fabric", "Main St 1", "10115", null);
        OrgSpec org = new OrgSpec("Org1", "org1.example.com", true, ca,
                new NodeTemplate(1, 0, "", List.of("10.0.0.7", "::1", "{{.Hostname}}.alt")), List.of(), 0);
        new Cryptogen(Clock.fixed(Instant.parse("2030-06-01T10:20:31Z"), ZoneOffset.UTC), new java.security.SecureRandom(),
                s -> { }).generateAll(new CryptoConfig(List.of(), List.of(org)), tmp);
        Path dir = tmp.resolve("peerOrganizations/org1.example.com");

        X509CertificateHolder caCert = GenerateVectorsTest.cert(dir.resolve("ca/ca.org1.example.com-cert.pem"));
        assertThat(caCert.getSubject().getRDNs()).extracting(r -> r.getFirst().getType()).containsExactly(
                BCStyle.C, BCStyle.ST, BCStyle.L, BCStyle.STREET, BCStyle.POSTAL_CODE, BCStyle.O, BCStyle.OU, BCStyle.CN);
        // Go rounds to the nearest minute, then backdates five minutes
        assertThat(caCert.getNotBefore().toInstant()).isEqualTo(Instant.parse("2030-06-01T10:16:00Z"));
        assertThat(caCert.getNotAfter().toInstant()).isEqualTo(Instant.parse("2040-05-29T10:16:00Z"));

        X509CertificateHolder peer = GenerateVectorsTest.cert(
                dir.resolve("peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem"));
        assertThat(GenerateVectorsTest.rdns(peer.getSubject())).containsExactly(
                List.of("2.5.4.6 DERPrintableString DE"), List.of("2.5.4.8 DERPrintableString Berlin"),
                List.of("2.5.4.7 DERPrintableString Berlin"), List.of("2.5.4.9 DERPrintableString Main St 1"),
                List.of("2.5.4.17 DERPrintableString 10115"),
                // one multi-valued RDN, in DER SET OF order (shorter encoding first), as Go marshals it
                List.of("2.5.4.11 DERPrintableString peer", "2.5.4.11 DERPrintableString Hyperledger Fabric"),
                List.of("2.5.4.3 DERPrintableString peer0.org1.example.com"));

        X509CertificateHolder tls = GenerateVectorsTest.cert(dir.resolve("peers/peer0.org1.example.com/tls/server.crt"));
        GeneralName[] sans = GeneralNames.fromExtensions(tls.getExtensions(), Extension.subjectAlternativeName).getNames();
        assertThat(sans).extracting(GeneralName::getTagNo).containsExactly(GeneralName.dNSName, GeneralName.dNSName,
                GeneralName.dNSName, GeneralName.iPAddress, GeneralName.iPAddress);
        assertThat(sans[2].getName().toString()).isEqualTo("peer0.alt");
        assertThat(tls.getSubject().getRDNs(BCStyle.OU)).as("TLS certificates carry the CA's OU only").hasSize(1);

        Msp msp = Msps.loadVerifying(dir.resolve("msp"), "Org1MSP", Bccsp.software(SwOptions.defaults()));
        LocalMsp local = Msps.loadLocal(LocalMspSettings.of(dir.resolve("peers/peer0.org1.example.com/msp"), "Org1MSP"));
        Identity id = msp.deserializeIdentity(local.signingIdentity().serialize().toByteArray());
        id.validate();
        msp.satisfiesRole(id, MSPRoleType.PEER);
    }

    @Test
    void javaApiGeneratesAnOrganizationPerSpec() throws Exception {
        List<String> progress = new java.util.ArrayList<>();
        Cryptogen.generate(new CryptoConfig(List.of(OrgSpec.of("Orderer", "example.com", true, 3, 5)),
                List.of(OrgSpec.of("Org1", "org1.example.com", true, 2, 2))), tmp, progress::add);
        assertThat(progress).containsExactly("org1.example.com");
        assertThat(tmp.resolve("ordererOrganizations/example.com/orderers")).isDirectoryContaining(
                p -> p.getFileName().toString().equals("orderer2.example.com"));
        assertThat(tmp.resolve("ordererOrganizations/example.com/users").toFile().list())
                .as("orderer organizations get an Admin only").containsExactly("Admin@example.com");
        assertThat(tmp.resolve("peerOrganizations/org1.example.com/users").toFile().list())
                .containsExactlyInAnyOrder("Admin@org1.example.com", "User1@org1.example.com", "User2@org1.example.com");
        assertThat(tmp.resolve("peerOrganizations/org1.example.com/peers/peer1.org1.example.com/tls/server.key"))
                .isRegularFile();
    }
}
