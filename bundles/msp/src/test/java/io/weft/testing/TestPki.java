package io.weft.testing;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.weft.bccsp.EcCurve;
import io.weft.bccsp.EcdsaSignature;
import io.weft.bccsp.Pem;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test certificates, keys and CRLs made with bcpkix (signing through the JDK's providers). */
public final class TestPki {

    private static final AtomicLong SERIALS = new AtomicLong(1000);

    private TestPki() {
    }

    /** A certificate with its key pair. */
    public record Issued(KeyPair keys, byte[] der, X500Name subject, byte[] ski) {

        public byte[] pem() {
            return Pem.encode("CERTIFICATE", der);
        }

        public BigInteger serial() {
            return holder().getSerialNumber();
        }

        public X509CertificateHolder holder() {
            try {
                return new X509CertificateHolder(der);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec256() {
        return ec("secp256r1");
    }

    /** Fabric's SKI: SHA-256 of the public point. */
    public static byte[] ski(PublicKey pub) {
        try {
            byte[] point = SubjectPublicKeyInfo.getInstance(pub.getEncoded()).getPublicKeyData().getBytes();
            return MessageDigest.getInstance("SHA-256").digest(point);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X500Name name(String cn, String... ous) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US").addRDN(BCStyle.ST, "California").addRDN(BCStyle.L, "San Francisco");
        for (String ou : ous) {
            b.addRDN(BCStyle.OU, ou);
        }
        return b.addRDN(BCStyle.CN, cn).build();
    }

    /** A self-signed CA like cryptogen's. */
    public static Issued ca(String cn, KeyPair kp, Instant notBefore, Instant notAfter) {
        X500Name n = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "US").addRDN(BCStyle.O, cn)
                .addRDN(BCStyle.CN, cn).build();
        return issue(n, kp.getPrivate(), null, n, kp, notBefore, notAfter, true, b -> { });
    }

    /** A certificate for {@code subject} signed by {@code issuer}. */
    public static Issued issue(Issued issuer, X500Name subject, KeyPair kp, Instant notBefore, Instant notAfter,
            boolean ca, Consumer<X509v3CertificateBuilder> extra) {
        return issue(issuer.subject(), issuer.keys().getPrivate(), issuer.ski(), subject, kp, notBefore, notAfter, ca, extra);
    }

    public static Issued issue(X500Name issuerName, PrivateKey issuerKey, byte[] issuerSki, X500Name subject, KeyPair kp,
            Instant notBefore, Instant notAfter, boolean ca, Consumer<X509v3CertificateBuilder> extra) {
        try {
            byte[] ski = ski(kp.getPublic());
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
            b.addExtension(Extension.keyUsage, true, ca
                    ? new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(ski));
            }
            if (issuerSki != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerSki));
            }
            extra.accept(b);
            String alg = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            X509CertificateHolder h = b.build(new JcaContentSignerBuilder(alg).build(issuerKey));
            return new Issued(kp, h.getEncoded(), subject, ski);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRL by {@code issuer} revoking {@code serials}, with an AKI naming {@code aki} (none if null). */
    public static byte[] crl(X500Name issuer, PrivateKey key, byte[] aki, List<BigInteger> serials) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder b = new X509v2CRLBuilder(issuer, Date.from(now.minusSeconds(60)));
            b.setNextUpdate(Date.from(now.plusSeconds(86400)));
            for (BigInteger s : serials) {
                b.addCRLEntry(s, Date.from(now.minusSeconds(30)), CRLReason.keyCompromise);
            }
            if (aki != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(aki));
            }
            byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)).getEncoded();
            return Pem.encode("X509 CRL", der);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same certificate with the other S of its ECDSA signature (still valid for plain ECDSA). */
    public static byte[] flipS(byte[] certDer, EcCurve issuerCurve) {
        try {
            ASN1Sequence cert = ASN1Sequence.getInstance(certDer);
            byte[] sig = DERBitString.getInstance(cert.getObjectAt(2)).getBytes();
            EcdsaSignature s = EcdsaSignature.fromDer(sig);
            EcdsaSignature flipped = new EcdsaSignature(s.r(), issuerCurve.order().subtract(s.s()));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(cert.getObjectAt(0));
            v.add(cert.getObjectAt(1));
            v.add(new DERBitString(flipped.toDer()));
            return new DERSequence(v).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate with bytes appended inside its signature BIT STRING, after the ECDSA sequence. */
    public static byte[] withSignatureTrailer(byte[] certDer) {
        try {
            ASN1Sequence cert = ASN1Sequence.getInstance(certDer);
            byte[] sig = DERBitString.getInstance(cert.getObjectAt(2)).getBytes();
            byte[] longer = java.util.Arrays.copyOf(sig, sig.length + 2);
            ASN1Encodable[] parts = {cert.getObjectAt(0), cert.getObjectAt(1), new DERBitString(longer)};
            return new DERSequence(parts).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey loadPkcs8Pem(Path file) {
        try {
            byte[] der = Pem.decode(Files.readAllBytes(file)).orElseThrow().bytes();
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a minimal local MSP folder: cacerts, signcerts, keystore and a NodeOUs config.yaml. */
    public static void writeMspFolder(Path dir, Issued ca, Issued signer, boolean nodeOUs) {
        try {
            Files.createDirectories(dir.resolve("cacerts"));
            Files.createDirectories(dir.resolve("signcerts"));
            Files.createDirectories(dir.resolve("keystore"));
            Files.write(dir.resolve("cacerts/ca.pem"), ca.pem());
            if (signer != null) {
                Files.write(dir.resolve("signcerts/cert.pem"), signer.pem());
                Files.write(dir.resolve("keystore/key.pem"), Pem.encode("PRIVATE KEY", signer.keys().getPrivate().getEncoded()));
            }
            if (nodeOUs) {
                StringBuilder y = new StringBuilder("NodeOUs:\n  Enable: true\n");
                for (String role : new String[] {"Client", "Peer", "Admin", "Orderer"}) {
                    y.append("  ").append(role).append("OUIdentifier:\n    Certificate: cacerts/ca.pem\n")
                            .append("    OrganizationalUnitIdentifier: ").append(role.toLowerCase()).append('\n');
                }
                Files.writeString(dir.resolve("config.yaml"), y.toString());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
