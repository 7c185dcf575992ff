package io.weft.msp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Pem;
import io.weft.testing.FabricVectors;
import io.weft.testing.TestPki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** Org1's real cryptogen CA (from the vectors), to issue extra test certificates Fabric would trust. */
final class Org1Ca {

    final X509CertificateHolder cert;
    final PrivateKey key;
    final X500Name subject;
    final byte[] ski;

    Org1Ca() {
        try {
            Path ca = FabricVectors.org1().resolve("ca");
            byte[] pem = Files.readAllBytes(ca.resolve("ca.org1.example.com-cert.pem"));
            this.cert = new X509CertificateHolder(Pem.decode(pem).orElseThrow().bytes());
            this.key = TestPki.loadPkcs8Pem(ca.resolve("priv_sk"));
            this.subject = cert.getSubject();
            this.ski = SubjectKeyIdentifier.fromExtensions(cert.getExtensions()).getKeyIdentifier();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Instant notBefore() {
        return cert.getNotBefore().toInstant();
    }

    TestPki.Issued issue(String cn, KeyPair kp, String... ous) {
        return issue(cn, kp, notBefore().plus(Duration.ofHours(1)), notBefore().plus(Duration.ofDays(365)), b -> { }, ous);
    }

    TestPki.Issued issue(String cn, KeyPair kp, Instant nb, Instant na, Consumer<X509v3CertificateBuilder> extra,
            String... ous) {
        return TestPki.issue(subject, key, ski, TestPki.name(cn, ous), kp, nb, na, false, extra);
    }

    static ByteString serialized(String mspId, byte[] pem) {
        return SerializedIdentity.newBuilder().setMspid(mspId).setIdBytes(ByteString.copyFrom(pem)).build().toByteString();
    }

}
