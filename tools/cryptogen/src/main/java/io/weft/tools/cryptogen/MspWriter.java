package io.weft.tools.cryptogen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/** Writes MSP folders as cryptogen lays them out: an organization's verifying MSP and local MSPs. */
final class MspWriter {

    private final SecureRandom random;
    private final Instant now;

    MspWriter(SecureRandom random, Instant now) {
        this.random = random;
        this.now = now;
    }

    /**
     * The organization's {@code msp}: cacerts, tlscacerts, an (empty until the admin is copied)
     * admincerts and, with NodeOUs, config.yaml.
     */
    void verifyingMsp(Path mspDir, CertificateAuthority signCa, CertificateAuthority tlsCa, boolean nodeOUs)
            throws IOException {
        // cryptogen also signs a throwaway admin certificate here, but deletes it again when it copies
        // the Admin user's certificate in; the result is the same without it
        createFolders(mspDir, false);
        writeCaCerts(mspDir, signCa, tlsCa, nodeOUs);
    }

    /**
     * A node's or user's folder: {@code msp} (keystore/priv_sk, signcerts, cacerts, tlscacerts, and
     * admincerts or config.yaml) and {@code tls} (ca.crt, server|client .crt/.key).
     */
    void localMsp(Path baseDir, String name, List<String> sans, CertificateAuthority signCa,
            CertificateAuthority tlsCa, NodeType type, boolean nodeOUs) throws IOException {
        Path mspDir = baseDir.resolve("msp");
        Path tlsDir = baseDir.resolve("tls");
        createFolders(mspDir, true);
        Files.createDirectories(tlsDir);

        ECPrivateKeyParameters key = EcKeys.generateInto(mspDir.resolve("keystore"), random);
        List<String> ous = nodeOUs ? List.of(type.ou()) : List.of();
        X509CertificateHolder cert = signCa.sign(mspDir.resolve("signcerts"), name, ous, List.of(),
                EcKeys.publicKey(key), KeyUsage.digitalSignature, List.of(), now);
        writeCaCerts(mspDir, signCa, tlsCa, nodeOUs);
        if (!nodeOUs) {
            // the identity is its own admin until copyAdminCert puts the organization's Admin here
            CertificateAuthority.writeCertificate(mspDir.resolve("admincerts").resolve(name + "-cert.pem"), cert);
        }

        ECPrivateKeyParameters tlsKey = EcKeys.generate(random);
        String prefix = type.tlsFilePrefix();
        tlsCa.sign(tlsDir, name, List.of(), sans, EcKeys.publicKey(tlsKey),
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth), now);
        Files.move(tlsDir.resolve(name + "-cert.pem"), tlsDir.resolve(prefix + ".crt"), StandardCopyOption.REPLACE_EXISTING);
        EcKeys.write(tlsDir.resolve(prefix + ".key"), tlsKey);
        Files.write(tlsDir.resolve("ca.crt"), tlsCa.certificatePem());
    }

    /**
     * cryptogen's {@code copyAdminCert}: unless {@code adminCertsDir} already holds the admin's
     * certificate, replaces its content with the certificate from the admin user's signcerts.
     */
    static void copyAdminCert(Path usersDir, Path adminCertsDir, String adminName) throws IOException {
        Path target = adminCertsDir.resolve(adminName + "-cert.pem");
        if (Files.exists(target)) {
            return;
        }
        deleteRecursively(adminCertsDir);
        Files.createDirectories(adminCertsDir);
        Files.copy(usersDir.resolve(adminName).resolve("msp/signcerts").resolve(adminName + "-cert.pem"), target);
    }

    /** msp/config.yaml exactly as cryptogen's yaml.v2 marshalling writes it. */
    static String nodeOusConfig(String caFile) {
        StringBuilder sb = new StringBuilder("NodeOUs:\n  Enable: true\n");
        for (NodeType t : List.of(NodeType.CLIENT, NodeType.PEER, NodeType.ADMIN, NodeType.ORDERER)) {
            String key = Character.toUpperCase(t.ou().charAt(0)) + t.ou().substring(1) + "OUIdentifier";
            sb.append("  ").append(key).append(":\n")
                    .append("    Certificate: ").append(caFile).append('\n')
                    .append("    OrganizationalUnitIdentifier: ").append(t.ou()).append('\n');
        }
        return sb.toString();
    }

    private static void writeCaCerts(Path mspDir, CertificateAuthority signCa, CertificateAuthority tlsCa,
            boolean nodeOUs) throws IOException {
        String caFile = signCa.name() + "-cert.pem";
        Files.write(mspDir.resolve("cacerts").resolve(caFile), signCa.certificatePem());
        Files.write(mspDir.resolve("tlscacerts").resolve(tlsCa.name() + "-cert.pem"), tlsCa.certificatePem());
        if (nodeOUs) {
            Files.writeString(mspDir.resolve("config.yaml"), nodeOusConfig("cacerts/" + caFile), StandardCharsets.UTF_8);
        }
    }

    private static void createFolders(Path mspDir, boolean local) throws IOException {
        for (String f : local ? List.of("admincerts", "cacerts", "tlscacerts", "keystore", "signcerts")
                : List.of("admincerts", "cacerts", "tlscacerts")) {
            Files.createDirectories(mspDir.resolve(f));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
