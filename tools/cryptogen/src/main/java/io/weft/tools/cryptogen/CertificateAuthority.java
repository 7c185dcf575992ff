package io.weft.tools.cryptogen;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * One of an organization's two CAs (signing or TLS) as cryptogen makes them: a self-signed P-256
 * certificate whose key and PEM live in one folder, and that signs the organization's leaf
 * certificates with cryptogen's template (serial, validity, extensions and their order).
 */
final class CertificateAuthority {

    /** cryptogen's validity: 3650 days from a start five minutes before the current minute. */
    static final Duration VALIDITY = Duration.ofDays(3650);

    private final String name;
    private final NodeSpec subjectSpec;
    private final ECPrivateKeyParameters key;
    private final X509CertificateHolder certificate;
    private final SecureRandom random;

    private CertificateAuthority(String name, NodeSpec subjectSpec, ECPrivateKeyParameters key,
            X509CertificateHolder certificate, SecureRandom random) {
        this.name = name;
        this.subjectSpec = subjectSpec;
        this.key = key;
        this.certificate = certificate;
        this.random = random;
    }

    /**
     * Makes a CA in {@code dir}: {@code priv_sk} and {@code <name>-cert.pem}.
     *
     * @param org the organization's domain: the certificate's O
     * @param name the CN, e.g. {@code ca.org1.example.com} or {@code tlsca.org1.example.com}
     * @param spec the organization's CA spec: country, province, locality, OU, street, postal code
     */
    static CertificateAuthority create(Path dir, String org, String name, NodeSpec spec, Instant now,
            SecureRandom random) throws IOException {
        Files.createDirectories(dir);
        ECPrivateKeyParameters key = EcKeys.generateInto(dir, random);
        ECPublicKeyParameters pub = EcKeys.publicKey(key);
        X500Name subject = Subjects.subject(spec, org, List.of(), name);
        X509v3CertificateBuilder b = builder(subject, subject, pub, now, random);
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                | KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(sha256(EcKeys.point(pub))));
        X509CertificateHolder cert = b.build(new LowSSigner(key, random));
        writeCertificate(dir.resolve(name + "-cert.pem"), cert);
        return new CertificateAuthority(name, spec, key, cert, random);
    }

    /**
     * Loads an existing CA for {@code extend}: the {@code *_sk} key and {@code *.pem} certificate in
     * {@code dir}; new certificates take their subject fields from {@code spec}, as cryptogen does.
     */
    static CertificateAuthority load(Path dir, String name, NodeSpec spec, SecureRandom random)
            throws IOException, CryptogenException {
        Path keyFile = single(dir, "_sk").orElseThrow(() -> new CryptogenException("no private key (*_sk) in " + dir));
        Path certFile = single(dir, ".pem").orElseThrow(() -> new CryptogenException("no certificate (*.pem) in " + dir));
        ECPrivateKeyParameters key = EcKeys.read(keyFile);
        byte[] der = Pems.decode(Files.readString(certFile, StandardCharsets.US_ASCII), "CERTIFICATE")
                .orElseThrow(() -> new CryptogenException(certFile + ": wrong PEM encoding"));
        X509CertificateHolder cert;
        try {
            cert = new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new CryptogenException(certFile + ": wrong DER encoding", e);
        }
        if (!cert.getSubjectPublicKeyInfo().equals(EcKeys.subjectPublicKeyInfo(EcKeys.publicKey(key)))) {
            throw new CryptogenException(keyFile + " is not the key of " + certFile);
        }
        return new CertificateAuthority(name, spec, key, cert, random);
    }

    String name() {
        return name;
    }

    X509CertificateHolder certificate() {
        return certificate;
    }

    /** The CA certificate as PEM. */
    byte[] certificatePem() throws IOException {
        return Pems.encode("CERTIFICATE", certificate.getEncoded());
    }

    /**
     * Issues a leaf certificate for {@code pub} and writes it to {@code dir/<cn>-cert.pem}.
     *
     * @param ous OUs after the CA spec's OU (the NodeOU role, when enabled)
     * @param sans names for the SAN extension: those that parse as IP addresses become IP SANs
     * @param keyUsage BouncyCastle {@link KeyUsage} bits
     * @param eku extended key usages; none means no extension
     */
    X509CertificateHolder sign(Path dir, String commonName, List<String> ous, List<String> sans,
            ECPublicKeyParameters pub, int keyUsage, List<KeyPurposeId> eku, Instant now) throws IOException {
        X500Name subject = Subjects.subject(subjectSpec, "", ous, commonName);
        X509v3CertificateBuilder b = builder(certificate.getSubject(), subject, pub, now, random);
        b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        if (!eku.isEmpty()) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku.toArray(KeyPurposeId[]::new)));
        }
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(certificate.getExtensions());
        if (ski != null) {
            b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
        }
        if (!sans.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, alternativeNames(sans));
        }
        X509CertificateHolder cert = b.build(new LowSSigner(key, random));
        Files.createDirectories(dir);
        writeCertificate(dir.resolve(commonName + "-cert.pem"), cert);
        return cert;
    }

    static void writeCertificate(Path file, X509CertificateHolder cert) throws IOException {
        Files.write(file, Pems.encode("CERTIFICATE", cert.getEncoded()));
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, ECPublicKeyParameters pub,
            Instant now, SecureRandom random) {
        // Go's time.Round(time.Minute) rounds half up; cryptogen then backdates five minutes
        Instant notBefore = now.plusSeconds(30).truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
        Instant notAfter = notBefore.plus(VALIDITY);
        BigInteger serial = new BigInteger(128, random);
        return new X509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter), subject,
                EcKeys.subjectPublicKeyInfo(pub));
    }

    // Go puts all DNS names before all IP addresses
    private static GeneralNames alternativeNames(List<String> sans) {
        List<GeneralName> dns = new ArrayList<>();
        List<GeneralName> ips = new ArrayList<>();
        for (String san : sans) {
            Optional<byte[]> ip = IpAddresses.parse(san);
            if (ip.isPresent()) {
                ips.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.get())));
            } else {
                dns.add(new GeneralName(GeneralName.dNSName, san));
            }
        }
        dns.addAll(ips);
        return new GeneralNames(dns.toArray(GeneralName[]::new));
    }

    private static byte[] sha256(byte[] data) {
        SHA256Digest d = new SHA256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    // cryptogen walks the folder and takes the last match; a CA folder holds exactly one of each
    private static Optional<Path> single(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted()
                    .reduce((a, b) -> b);
        }
    }
}
