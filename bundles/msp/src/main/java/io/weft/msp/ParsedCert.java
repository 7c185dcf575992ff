package io.weft.msp;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.BccspException;
import io.weft.bccsp.EcCurve;
import io.weft.bccsp.internal.Der;
import io.weft.bccsp.internal.DerException;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * An X.509 certificate read the way Go's {@code x509.ParseCertificate} reads it: the raw byte
 * ranges Fabric hashes and compares, and the fields Go's chain verification looks at. Immutable.
 */
final class ParsedCert {

    static final String OID_SAN = "2.5.29.17";
    static final String OID_NAME_CONSTRAINTS = "2.5.29.30";
    static final String EKU_ANY = "2.5.29.37.0";
    static final String EKU_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final int KEY_USAGE_CERT_SIGN = 1 << 5;

    private static final String OID_OU = "2.5.4.11";
    private static final String OID_CN = "2.5.4.3";
    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    private static final String ED25519 = "1.3.101.112";
    private static final String DSA = "1.2.840.10040.4.1";
    private static final String X25519 = "1.3.101.110";
    private static final String AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1";

    final byte[] raw;
    final byte[] rawTbs;
    final byte[] rawSubject;
    final byte[] rawIssuer;
    final int version;
    final BigInteger serial;
    final Instant notBefore;
    final Instant notAfter;
    final X500Name subject;
    final X500Name issuer;
    final List<String> subjectOUs;
    final String commonName;
    final SignatureAlgorithm signatureAlgorithm;
    final int sigAlgStart;
    final int sigAlgEnd;
    final byte[] signature;
    final CertKey key;
    final boolean basicConstraintsValid;
    final boolean isCA;
    final int maxPathLen;
    final int keyUsage;
    final List<String> extKeyUsage;
    final boolean hasExtKeyUsage;
    final byte[] subjectKeyId;
    final byte[] authorityKeyId;
    final Set<String> extensionOids;
    final List<String> unhandledCritical;
    final NameConstraints.Sans sans;
    final byte[] sanRaw;
    final NameConstraints nameConstraints;
    private final int hash;

    private ParsedCert(Builder b) {
        raw = b.raw;
        rawTbs = b.rawTbs;
        rawSubject = b.rawSubject;
        rawIssuer = b.rawIssuer;
        version = b.version;
        serial = b.serial;
        notBefore = b.notBefore;
        notAfter = b.notAfter;
        subject = b.subject;
        issuer = b.issuer;
        subjectOUs = List.copyOf(b.subjectOUs);
        commonName = b.commonName;
        signatureAlgorithm = b.signatureAlgorithm;
        sigAlgStart = b.sigAlgStart;
        sigAlgEnd = b.sigAlgEnd;
        signature = b.signature;
        key = b.key;
        basicConstraintsValid = b.basicConstraintsValid;
        isCA = b.isCA;
        maxPathLen = b.maxPathLen;
        keyUsage = b.keyUsage;
        extKeyUsage = List.copyOf(b.extKeyUsage);
        hasExtKeyUsage = b.hasExtKeyUsage;
        subjectKeyId = b.subjectKeyId;
        authorityKeyId = b.authorityKeyId;
        extensionOids = Set.copyOf(b.extensionOids);
        unhandledCritical = List.copyOf(b.unhandledCritical);
        sans = b.sans;
        sanRaw = b.sanRaw;
        nameConstraints = b.nameConstraints;
        hash = Arrays.hashCode(raw);
    }

    boolean isEcdsaSigned() {
        return signatureAlgorithm.isEcdsa();
    }

    boolean hasSanExtension() {
        return extensionOids.contains(OID_SAN);
    }

    boolean hasNameConstraints() {
        return extensionOids.contains(OID_NAME_CONSTRAINTS);
    }

    /** Go's {@code Certificate.Equal}: same raw bytes. */
    boolean sameAs(ParsedCert other) {
        return other != null && other.hash == hash && Arrays.equals(other.raw, raw);
    }

    String subjectString() {
        return GoFormat.name(subject);
    }

    /** How Go's {@code UnknownAuthorityError} names a candidate authority. */
    String goDisplayName() {
        if (commonName != null && !commonName.isEmpty()) {
            return commonName;
        }
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().getId().equals("2.5.4.10")) {
                    String v = GoFormat.stringValue(atv.getValue());
                    if (v != null) {
                        return v;
                    }
                }
            }
        }
        return "serial:" + serial;
    }

    /**
     * Parses a DER certificate.
     *
     * @throws MspException with Go's message ({@code x509: ...}) when Go would refuse it
     */
    static ParsedCert parse(byte[] der, Bccsp bccsp) throws MspException {
        try {
            return parseInternal(der, bccsp);
        } catch (DerException e) {
            throw new MspException(e.getMessage().startsWith("x509:") ? e.getMessage()
                    : "x509: malformed certificate (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new MspException("x509: malformed certificate (" + e.getMessage() + ")");
        }
    }

    private static ParsedCert parseInternal(byte[] der, Bccsp bccsp) throws DerException, MspException {
        Builder b = new Builder();
        b.raw = der.clone();
        byte[] d = b.raw;
        Der.Tlv outer = Der.readWhole(d, 0, d.length);
        if (outer.tag() != Der.SEQUENCE) {
            throw new DerException("x509: malformed certificate");
        }
        List<Der.Tlv> top = Der.children(d, outer);
        if (top.size() < 3 || top.get(0).tag() != Der.SEQUENCE) {
            throw new DerException("x509: malformed tbs certificate");
        }
        Der.Tlv tbs = top.get(0);
        b.rawTbs = tbs.element(d);
        Der.Tlv outerAlg = top.get(1);
        if (outerAlg.tag() != Der.SEQUENCE) {
            throw new DerException("x509: malformed algorithm identifier");
        }
        Der.Tlv sig = top.get(2);
        if (sig.tag() != Der.BIT_STRING || sig.contentLength() < 1) {
            throw new DerException("x509: malformed signature");
        }
        b.sigAlgStart = outerAlg.start();
        b.sigAlgEnd = outerAlg.end();
        b.signature = rightAlign(d, sig);

        List<Der.Tlv> f = Der.children(d, tbs);
        int i = 0;
        b.version = 1;
        if (i < f.size() && f.get(i).tag() == 0xa0) {
            Der.Tlv v = Der.read(d, f.get(i).contentStart(), f.get(i).end(), Der.INTEGER);
            BigInteger ver = Der.integer(d, v);
            if (ver.signum() < 0) {
                throw new DerException("x509: malformed version");
            }
            if (ver.compareTo(BigInteger.valueOf(2)) > 0) {
                throw new DerException("x509: invalid version");
            }
            b.version = ver.intValue() + 1;
            i++;
        }
        b.serial = Der.integer(d, need(f, i++, Der.INTEGER, "x509: malformed serial number"));
        if (b.serial.signum() < 0) {
            throw new DerException("x509: negative serial number");
        }
        Der.Tlv innerAlg = need(f, i++, Der.SEQUENCE, "x509: malformed signature algorithm identifier");
        if (!Arrays.equals(innerAlg.element(d), outerAlg.element(d))) {
            throw new DerException("x509: inner and outer signature algorithm identifiers don't match");
        }
        List<Der.Tlv> algParts = Der.children(d, outerAlg);
        if (algParts.isEmpty() || algParts.get(0).tag() != Der.OID) {
            throw new DerException("x509: malformed algorithm identifier");
        }
        b.signatureAlgorithm = SignatureAlgorithm.byOid(oid(d, algParts.get(0)));

        Der.Tlv issuer = need(f, i++, Der.SEQUENCE, "x509: malformed issuer");
        b.rawIssuer = issuer.element(d);
        b.issuer = X500Name.getInstance(b.rawIssuer);
        Der.Tlv validity = need(f, i++, Der.SEQUENCE, "x509: malformed validity");
        List<Der.Tlv> times = Der.children(d, validity);
        if (times.size() != 2) {
            throw new DerException("x509: malformed validity");
        }
        b.notBefore = time(d, times.get(0), "x509: malformed notBefore");
        b.notAfter = time(d, times.get(1), "x509: malformed notAfter");
        Der.Tlv subject = need(f, i++, Der.SEQUENCE, "x509: malformed subject");
        b.rawSubject = subject.element(d);
        b.subject = X500Name.getInstance(b.rawSubject);
        readSubjectFields(b);
        Der.Tlv spki = need(f, i++, Der.SEQUENCE, "x509: malformed spki");
        b.key = publicKey(d, spki, bccsp);

        if (b.version > 1) {
            if (i < f.size() && f.get(i).tag() == 0x81) {
                i++;
            }
            if (i < f.size() && f.get(i).tag() == 0x82) {
                i++;
            }
            if (b.version == 3 && i < f.size() && f.get(i).tag() == 0xa3) {
                Der.Tlv exts = Der.read(d, f.get(i).contentStart(), f.get(i).end(), Der.SEQUENCE);
                Extensions.process(d, exts, b);
            }
        }
        return new ParsedCert(b);
    }

    private static Der.Tlv need(List<Der.Tlv> f, int i, int tag, String error) throws DerException {
        if (i >= f.size() || f.get(i).tag() != tag) {
            throw new DerException(error);
        }
        return f.get(i);
    }

    static String oid(byte[] d, Der.Tlv t) throws DerException {
        if (t.tag() != Der.OID) {
            throw new DerException("asn1: structure error: expected OBJECT IDENTIFIER");
        }
        try {
            return ASN1ObjectIdentifier.getInstance(t.element(d)).getId();
        } catch (IllegalArgumentException e) {
            throw new DerException("x509: malformed OID");
        }
    }

    static byte[] rightAlign(byte[] d, Der.Tlv bits) {
        int unused = d[bits.contentStart()] & 0xff;
        byte[] bytes = Arrays.copyOfRange(d, bits.contentStart() + 1, bits.end());
        if (unused == 0 || bytes.length == 0) {
            return bytes;
        }
        byte[] out = new byte[bytes.length];
        int carry = 0;
        for (int i = 0; i < bytes.length; i++) {
            int v = bytes[i] & 0xff;
            out[i] = (byte) ((carry << (8 - unused)) | (v >>> unused));
            carry = v & ((1 << unused) - 1);
        }
        return out;
    }

    private static Instant time(byte[] d, Der.Tlv t, String error) throws DerException {
        try {
            if (t.tag() == 0x17) {
                return ASN1UTCTime.getInstance(t.element(d)).getAdjustedDate().toInstant();
            }
            if (t.tag() == 0x18) {
                return ASN1GeneralizedTime.getInstance(t.element(d)).getDate().toInstant();
            }
        } catch (IllegalArgumentException | java.text.ParseException e) {
            throw new DerException(error);
        }
        throw new DerException(error);
    }

    private static void readSubjectFields(Builder b) {
        for (RDN rdn : b.subject.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                String type = atv.getType().getId();
                String v = GoFormat.stringValue(atv.getValue());
                if (v == null) {
                    continue;
                }
                if (OID_OU.equals(type)) {
                    b.subjectOUs.add(v);
                } else if (OID_CN.equals(type)) {
                    b.commonName = v;
                }
            }
        }
    }

    private static CertKey publicKey(byte[] d, Der.Tlv spki, Bccsp bccsp) throws DerException, MspException {
        List<Der.Tlv> parts = Der.children(d, spki);
        if (parts.size() != 2 || parts.get(0).tag() != Der.SEQUENCE || parts.get(1).tag() != Der.BIT_STRING) {
            throw new DerException("x509: malformed spki");
        }
        List<Der.Tlv> alg = Der.children(d, parts.get(0));
        if (alg.isEmpty()) {
            throw new DerException("x509: malformed public key algorithm identifier");
        }
        String algorithm = oid(d, alg.get(0));
        byte[] spkiBytes = spki.element(d);
        switch (algorithm) {
            case EC_PUBLIC_KEY -> {
                if (alg.size() < 2 || alg.get(1).tag() != Der.OID) {
                    throw new DerException("x509: invalid ECDSA parameters");
                }
                if (EcCurve.byOid(oid(d, alg.get(1))).isEmpty()) {
                    throw new DerException("x509: unsupported elliptic curve");
                }
                try {
                    return new CertKey.Ec(bccsp.importPublicKey(spkiBytes));
                } catch (BccspException e) {
                    throw new DerException("x509: failed to unmarshal elliptic curve point");
                }
            }
            case RSA_ENCRYPTION -> {
                try {
                    return new CertKey.Rsa(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spkiBytes)));
                } catch (java.security.GeneralSecurityException e) {
                    throw new DerException("x509: invalid RSA public key");
                }
            }
            case ED25519 -> {
                return new CertKey.Other("ed25519.PublicKey");
            }
            case X25519 -> {
                return new CertKey.Other("*ecdh.PublicKey");
            }
            case DSA -> {
                return new CertKey.Other("*dsa.PublicKey");
            }
            default -> {
                return new CertKey.Other("<nil>");
            }
        }
    }

    /** Mutable state while parsing. */
    static final class Builder {
        byte[] raw;
        byte[] rawTbs;
        byte[] rawSubject;
        byte[] rawIssuer;
        int version;
        BigInteger serial;
        Instant notBefore;
        Instant notAfter;
        X500Name subject;
        X500Name issuer;
        final List<String> subjectOUs = new ArrayList<>();
        String commonName;
        SignatureAlgorithm signatureAlgorithm;
        int sigAlgStart;
        int sigAlgEnd;
        byte[] signature;
        CertKey key;
        boolean basicConstraintsValid;
        boolean isCA;
        int maxPathLen;
        int keyUsage;
        final List<String> extKeyUsage = new ArrayList<>();
        boolean hasExtKeyUsage;
        byte[] subjectKeyId;
        byte[] authorityKeyId;
        final Set<String> extensionOids = new HashSet<>();
        final List<String> unhandledCritical = new ArrayList<>();
        NameConstraints.Sans sans = NameConstraints.Sans.NONE;
        byte[] sanRaw;
        NameConstraints nameConstraints;
    }

    /** Go's {@code processExtensions}. */
    private static final class Extensions {

        private Extensions() {
        }

        static void process(byte[] d, Der.Tlv seq, Builder b) throws DerException {
            for (Der.Tlv ext : Der.children(d, seq)) {
                if (ext.tag() != Der.SEQUENCE) {
                    throw new DerException("x509: malformed extension");
                }
                List<Der.Tlv> parts = Der.children(d, ext);
                if (parts.size() < 2) {
                    throw new DerException("x509: malformed extension");
                }
                String oid = oid(d, parts.get(0));
                boolean critical = false;
                int vi = 1;
                if (parts.get(1).tag() == 0x01) {
                    Der.Tlv c = parts.get(1);
                    if (c.contentLength() != 1 || (d[c.contentStart()] != 0 && d[c.contentStart()] != (byte) 0xff)) {
                        throw new DerException("x509: malformed extension critical field");
                    }
                    critical = d[c.contentStart()] != 0;
                    vi = 2;
                }
                if (vi >= parts.size() || parts.get(vi).tag() != Der.OCTET_STRING) {
                    throw new DerException("x509: malformed extension value field");
                }
                if (!b.extensionOids.add(oid)) {
                    throw new DerException("x509: certificate contains duplicate extensions");
                }
                byte[] v = parts.get(vi).content(d);
                boolean unhandled = handle(oid, v, b);
                if (critical && unhandled) {
                    b.unhandledCritical.add(oid);
                }
            }
        }

        private static boolean handle(String oid, byte[] v, Builder b) throws DerException {
            if (oid.startsWith("2.5.29.") && oid.indexOf('.', 7) < 0) {
                switch (oid.substring(7)) {
                    case "15" -> keyUsage(v, b);
                    case "19" -> basicConstraints(v, b);
                    case "17" -> {
                        b.sans = NameConstraints.Sans.parse(v);
                        b.sanRaw = v;
                        return b.sans.isEmpty();
                    }
                    case "30" -> {
                        b.nameConstraints = NameConstraints.parse(v);
                        return b.nameConstraints.unhandled();
                    }
                    case "35" -> authorityKeyId(v, b);
                    case "37" -> extKeyUsage(v, b);
                    case "14" -> subjectKeyId(v, b);
                    case "31", "32", "33", "36", "54" -> {
                        // parsed by Go, not needed here
                    }
                    default -> {
                        return true;
                    }
                }
                return false;
            }
            return !AUTHORITY_INFO_ACCESS.equals(oid);
        }

        private static void keyUsage(byte[] v, Builder b) throws DerException {
            Der.Tlv bits = whole(v, Der.BIT_STRING, "x509: invalid key usage");
            if (bits.contentLength() < 1) {
                throw new DerException("x509: invalid key usage");
            }
            byte[] aligned = Arrays.copyOfRange(v, bits.contentStart() + 1, bits.end());
            int usage = 0;
            for (int i = 0; i < 9; i++) {
                int byteIndex = i / 8;
                if (byteIndex < aligned.length && ((aligned[byteIndex] >> (7 - i % 8)) & 1) != 0) {
                    usage |= 1 << i;
                }
            }
            b.keyUsage = usage;
        }

        private static void basicConstraints(byte[] v, Builder b) throws DerException {
            Der.Tlv seq = whole(v, Der.SEQUENCE, "x509: invalid basic constraints");
            List<Der.Tlv> f = Der.children(v, seq);
            int i = 0;
            boolean ca = false;
            if (i < f.size() && f.get(i).tag() == 0x01) {
                Der.Tlv c = f.get(i++);
                if (c.contentLength() != 1 || (v[c.contentStart()] != 0 && v[c.contentStart()] != (byte) 0xff)) {
                    throw new DerException("x509: invalid basic constraints");
                }
                ca = v[c.contentStart()] != 0;
            }
            int maxPathLen = -1;
            if (i < f.size() && f.get(i).tag() == Der.INTEGER) {
                BigInteger n = Der.integer(v, f.get(i));
                if (n.bitLength() > 31) {
                    throw new DerException("x509: invalid basic constraints");
                }
                maxPathLen = n.intValue();
            }
            b.basicConstraintsValid = true;
            b.isCA = ca;
            b.maxPathLen = maxPathLen;
        }

        private static void authorityKeyId(byte[] v, Builder b) throws DerException {
            Der.Tlv seq = Der.read(v, 0, v.length);
            if (seq.tag() != Der.SEQUENCE) {
                throw new DerException("x509: invalid authority key identifier");
            }
            List<Der.Tlv> f = Der.children(v, seq);
            if (!f.isEmpty() && f.get(0).tag() == 0x80) {
                b.authorityKeyId = f.get(0).content(v);
            }
        }

        private static void subjectKeyId(byte[] v, Builder b) throws DerException {
            Der.Tlv os = Der.read(v, 0, v.length);
            if (os.tag() != Der.OCTET_STRING) {
                throw new DerException("x509: invalid subject key identifier");
            }
            b.subjectKeyId = os.content(v);
        }

        private static void extKeyUsage(byte[] v, Builder b) throws DerException {
            Der.Tlv seq = Der.read(v, 0, v.length);
            if (seq.tag() != Der.SEQUENCE) {
                throw new DerException("x509: invalid extended key usages");
            }
            for (Der.Tlv t : Der.children(v, seq)) {
                if (t.tag() != Der.OID) {
                    throw new DerException("x509: invalid extended key usages");
                }
                b.extKeyUsage.add(oid(v, t));
            }
            b.hasExtKeyUsage = !b.extKeyUsage.isEmpty();
        }

        private static Der.Tlv whole(byte[] v, int tag, String error) throws DerException {
            Der.Tlv t;
            try {
                t = Der.read(v, 0, v.length);
            } catch (DerException e) {
                throw new DerException(error);
            }
            if (t.tag() != tag) {
                throw new DerException(error);
            }
            return t;
        }
    }
}
