package io.weft.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chaincode CA's certificates: who issued them, for what, and PEM that Fabric's readers (and ours) accept. */
class TlsCaTest {

    @TempDir
    Path dir;

    final TlsCa ca = TlsCa.generate();

    @Test
    void theCaIsSelfSignedAndMayIssue() throws Exception {
        X509Certificate c = ca.certificate();
        c.verify(c.getPublicKey());
        assertThat(c.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(c.getSubjectX500Principal()).isEqualTo(c.getIssuerX500Principal());
        assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void aServerCertificateNamesItsHostAsIpOrDnsSan() throws Exception {
        X509Certificate ip = ca.newServerCertKeyPair("127.0.0.1").certificate();
        ip.verify(ca.certificate().getPublicKey());
        assertThat(ip.getBasicConstraints()).isEqualTo(-1);
        assertThat(ip.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(ip.getSubjectAlternativeNames()).containsExactly(List.of(7, "127.0.0.1"));

        X509Certificate dns = ca.newServerCertKeyPair("peer0.org1.example.com").certificate();
        assertThat(dns.getSubjectAlternativeNames()).containsExactly(List.of(2, "peer0.org1.example.com"));
    }

    @Test
    void clientCertificatesAreForClientAuthAndEachHasItsOwnKey() throws Exception {
        TlsCa.CertKeyPair a = ca.newClientCertKeyPair();
        TlsCa.CertKeyPair b = ca.newClientCertKeyPair();
        a.certificate().verify(ca.certificate().getPublicKey());
        assertThat(a.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(a.certificate().getPublicKey()).isNotEqualTo(b.certificate().getPublicKey());
        assertThat(a.certificate().getSerialNumber()).isNotEqualTo(b.certificate().getSerialNumber());
        // another CA's certificate does not verify under this one
        assertThatThrownBy(() -> TlsCa.generate().newClientCertKeyPair().certificate()
                .verify(ca.certificate().getPublicKey())).isInstanceOf(java.security.SignatureException.class);
    }

    @Test
    void pemFormsReadBackAsTheSameCertificateAndKey() throws Exception {
        TlsCa.CertKeyPair pair = ca.newClientCertKeyPair();
        Path cert = Files.writeString(dir.resolve("client.crt"), pair.certificatePem());
        Path key = Files.writeString(dir.resolve("client.key"), pair.keyPem());
        assertThat(PemFiles.certificates(cert)).containsExactly(pair.certificate());
        assertThat(PemFiles.privateKey(key)).isEqualTo(pair.key());
        assertThat(pair.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        X509Certificate caFromPem = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(ca.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        assertThat(caFromPem).isEqualTo(ca.certificate());
    }

    @Test
    void aServerContextRequiringClientsBuildsFromMemory() throws Exception {
        assertThat(TlsContexts.grpcServerRequiringClients(ca.newServerCertKeyPair("localhost"), ca.certificate())
                .isServer()).isTrue();
    }
}
