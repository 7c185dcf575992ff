package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.testing.TestPki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go's chain-building rules that Fabric inherits, on certificates cryptogen does not make. */
class ChainRulesTest {

    private final Instant now = Instant.now();
    private Bccsp bccsp;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        bccsp = Bccsp.software(SwOptions.defaults());
    }

    private Msp mspWith(TestPki.Issued root, TestPki.Issued... intermediates) throws Exception {
        TestPki.writeMspFolder(dir, root, null, true);
        Files.createDirectories(dir.resolve("intermediatecerts"));
        int i = 0;
        for (TestPki.Issued inter : intermediates) {
            Files.write(dir.resolve("intermediatecerts/ica" + i++ + ".pem"), inter.pem());
        }
        return Msps.loadVerifying(dir, "TestMSP", bccsp);
    }

    private TestPki.Issued root() {
        return TestPki.ca("root.test", TestPki.ec256(), now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(900)));
    }

    private TestPki.Issued leaf(TestPki.Issued issuer, String cn, java.util.function.Consumer<org.bouncycastle.cert.X509v3CertificateBuilder> extra) {
        return TestPki.issue(issuer, TestPki.name(cn, "client"), TestPki.ec256(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)), false, extra);
    }

    private static ByteString serialized(TestPki.Issued cert) {
        return Org1Ca.serialized("TestMSP", cert.pem());
    }

    @Test
    void extendedKeyUsageMustAllowServerAuth() throws Exception {
        TestPki.Issued root = root();
        Msp msp = mspWith(root);
        TestPki.Issued clientOnly = leaf(root, "user.test", b -> add(b, Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));
        assertThatThrownBy(() -> msp.deserializeIdentity(serialized(clientOnly)))
                .hasMessage("the supplied identity is not valid: x509: certificate specifies an incompatible key usage");
        TestPki.Issued both = leaf(root, "user.test", b -> add(b, Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth})));
        msp.deserializeValid(serialized(both));
    }

    @Test
    void unknownCriticalExtensionIsRefused() throws Exception {
        TestPki.Issued root = root();
        Msp msp = mspWith(root);
        TestPki.Issued odd = leaf(root, "user.test", b -> add(b, new ASN1ObjectIdentifier("1.2.3.4.5"), true,
                new DERUTF8String("x")));
        assertThatThrownBy(() -> msp.deserializeIdentity(serialized(odd)))
                .hasMessage("the supplied identity is not valid: x509: unhandled critical extension");
        TestPki.Issued fine = leaf(root, "user.test", b -> add(b, new ASN1ObjectIdentifier("1.2.3.4.5"), false,
                new DERUTF8String("x")));
        msp.deserializeValid(serialized(fine));
    }

    @Test
    void nameConstraintsAsGoChecksThem() throws Exception {
        var rootKeys = TestPki.ec256();
        TestPki.Issued root = TestPki.issue(TestPki.name("root.test"), rootKeys.getPrivate(), null, TestPki.name("root.test"), rootKeys,
                now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(900)), true,
                b -> add(b, Extension.nameConstraints, true, new NameConstraints(
                        new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.dNSName, "example.com"))}, null)));
        Msp msp = mspWith(root);
        TestPki.Issued noSan = leaf(root, "peer0.other.com", b -> { });
        assertThatThrownBy(() -> msp.deserializeIdentity(serialized(noSan)))
                .hasMessage("the supplied identity is not valid: x509: issuer has name constraints but leaf doesn't have a SAN extension");
        TestPki.Issued outside = leaf(root, "peer0", b -> add(b, Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "peer0.other.com"))));
        assertThatThrownBy(() -> msp.deserializeIdentity(serialized(outside)))
                .hasMessage("the supplied identity is not valid: x509: a root or intermediate certificate is not authorized "
                        + "to sign for this name: DNS name \"peer0.other.com\" is not permitted by any constraint");
        TestPki.Issued inside = leaf(root, "peer0", b -> add(b, Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "peer0.example.com"))));
        msp.deserializeValid(serialized(inside));
    }

    @Test
    void pathLengthAndUniqueChain() throws Exception {
        var rootKeys = TestPki.ec256();
        TestPki.Issued root = TestPki.issue(TestPki.name("root.test"), rootKeys.getPrivate(), null, TestPki.name("root.test"),
                rootKeys, now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(900)), true,
                b -> replace(b, Extension.basicConstraints, true, new BasicConstraints(0)));
        var interKeys = TestPki.ec256();
        TestPki.Issued inter = TestPki.issue(root, TestPki.name("ica.test"), interKeys, now.minus(Duration.ofDays(9)),
                now.plus(Duration.ofDays(800)), true, b -> { });
        Msp msp = mspWith(root, inter);
        TestPki.Issued tooDeep = leaf(inter, "user.test", b -> { });
        assertThatThrownBy(() -> msp.deserializeIdentity(serialized(tooDeep)))
                .hasMessage("the supplied identity is not valid: x509: too many intermediates for path length constraint");

        // the same intermediate certified twice: two chains, which Fabric refuses
        TestPki.Issued root2 = root();
        TestPki.Issued ica1 = TestPki.issue(root2, TestPki.name("ica.test"), interKeys, now.minus(Duration.ofDays(9)),
                now.plus(Duration.ofDays(800)), true, b -> { });
        TestPki.Issued ica2 = TestPki.issue(root2, TestPki.name("ica.test"), interKeys, now.minus(Duration.ofDays(8)),
                now.plus(Duration.ofDays(800)), true, b -> { });
        Files.deleteIfExists(dir.resolve("intermediatecerts/ica0.pem"));
        Msp twice = mspWith(root2, ica1, ica2);
        TestPki.Issued user = leaf(ica1, "user.test", b -> { });
        assertThatThrownBy(() -> twice.deserializeIdentity(serialized(user)))
                .hasMessage("this MSP only supports a single validation chain, got 2");
    }

    private static void add(org.bouncycastle.cert.X509v3CertificateBuilder b, ASN1ObjectIdentifier oid, boolean critical,
            org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            b.addExtension(oid, critical, value);
        } catch (org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void replace(org.bouncycastle.cert.X509v3CertificateBuilder b, ASN1ObjectIdentifier oid, boolean critical,
            org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            b.replaceExtension(oid, critical, value);
        } catch (org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException(e);
        }
    }
}
