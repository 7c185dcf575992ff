package io.weft.comm;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Fabric's {@code tlsgen} CA: an ephemeral, in-memory P-256 CA that the peer makes at start when TLS is on, to give
 * its chaincode listener a server certificate and each chaincode it launches a client certificate. Nothing of it is
 * written to disk by this class; it lives as long as the peer process. Thread-safe.
 */
public final class TlsCa {

    /** A certificate and its private key, with the PEM forms chaincodes are given. */
    public record CertKeyPair(X509Certificate certificate, PrivateKey key) {

        /** The certificate as a {@code CERTIFICATE} PEM block. */
        public String certificatePem() {
            try {
                return pem("CERTIFICATE", certificate.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The key as a PKCS#8 {@code PRIVATE KEY} PEM block, as Fabric's tlsgen writes it. */
        public String keyPem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }
    }

    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final Duration BACKDATE = Duration.ofMinutes(5); // tolerate clocks a little behind ours

    private final SecureRandom random = new SecureRandom();
    private final CertKeyPair ca;
    private final X500Name name;

    private TlsCa() throws GeneralSecurityException {
        KeyPair keys = newKeyPair();
        this.name = new X500Name("CN=weft-chaincode-ca-" + new BigInteger(64, random).toString(16));
        X509v3CertificateBuilder b = template(name, keys, name);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
        } catch (CertIOException e) {
            throw new GeneralSecurityException(e);
        }
        this.ca = new CertKeyPair(sign(b, keys.getPrivate()), keys.getPrivate());
    }

    /** A new CA with a fresh key. */
    public static TlsCa generate() {
        try {
            return new TlsCa();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the chaincode TLS CA: " + e.getMessage(), e);
        }
    }

    /** The CA's self-signed certificate: what servers and clients it issued for trust. */
    public X509Certificate certificate() {
        return ca.certificate();
    }

    /** The CA certificate as PEM. */
    public String certificatePem() {
        return ca.certificatePem();
    }

    /** A server certificate for {@code host} (an IP address or a DNS name, as a client dials it). */
    public CertKeyPair newServerCertKeyPair(String host) {
        return issue(KeyPurposeId.id_kp_serverAuth, host);
    }

    /** A client certificate, as a launched chaincode presents to the chaincode listener. */
    public CertKeyPair newClientCertKeyPair() {
        return issue(KeyPurposeId.id_kp_clientAuth, null);
    }

    private CertKeyPair issue(KeyPurposeId purpose, String host) {
        try {
            KeyPair keys = newKeyPair();
            X500Name subject = new X500Name("CN=" + (host != null ? host : "chaincode-" + new BigInteger(64, random)
                    .toString(16)));
            X509v3CertificateBuilder b = template(name, keys, subject);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            if (host != null) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAltName(host)));
            }
            return new CertKeyPair(sign(b, ca.key()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a chaincode TLS certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralName subjectAltName(String host) {
        // an address literal is an IP SAN (clients dialing 127.0.0.1 check the address), anything else a DNS name
        if (host.matches("[0-9.]+") || host.contains(":")) {
            try {
                return new GeneralName(GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress());
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + host, e);
            }
        }
        return new GeneralName(GeneralName.dNSName, host);
    }

    private X509v3CertificateBuilder template(X500Name issuer, KeyPair keys, X500Name subject) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(128, random).add(BigInteger.ONE),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
