package io.weft.comm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the PEM files Fabric's tools write: certificates and PKCS#8 private keys (EC or RSA). */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]*)-----END \\1-----");

    private PemFiles() {
    }

    /** Every certificate in {@code file}; fails when there is none. */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            cf.generateCertificates(in).forEach(c -> certs.add((X509Certificate) c));
            if (certs.isEmpty()) {
                throw new IOException(file + ": no PEM certificate found");
            }
            return certs;
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** The certificates of every file, in order. */
    public static List<X509Certificate> certificates(List<Path> files) throws IOException {
        List<X509Certificate> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(certificates(f));
        }
        return all;
    }

    /** The private key in {@code file} (a {@code PRIVATE KEY} PEM block, as Fabric's tools write). */
    public static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals("PRIVATE KEY")) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                for (String algorithm : new String[] {"EC", "RSA"}) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (GeneralSecurityException e) {
                        // try the next algorithm
                    }
                }
                throw new IOException(file + ": PRIVATE KEY is neither an EC nor an RSA key");
            }
            if (m.group(1).endsWith("PRIVATE KEY")) {
                throw new IOException(file + ": " + m.group(1) + " is not supported; convert it to PKCS#8"
                        + " (openssl pkcs8 -topk8 -nocrypt)");
            }
        }
        throw new IOException(file + ": no PEM private key found");
    }
}
