package io.weft.msp;

import io.weft.bccsp.HashAlgorithm;

/** The X.509 signature algorithms Go's {@code crypto/x509} verifies, by OID. */
enum SignatureAlgorithm {
    ECDSA_SHA1("1.2.840.10045.4.1", "ECDSA-SHA1", KeyKind.ECDSA, null, true),
    ECDSA_SHA256("1.2.840.10045.4.3.2", "ECDSA-SHA256", KeyKind.ECDSA, HashAlgorithm.SHA256, false),
    ECDSA_SHA384("1.2.840.10045.4.3.3", "ECDSA-SHA384", KeyKind.ECDSA, HashAlgorithm.SHA384, false),
    ECDSA_SHA512("1.2.840.10045.4.3.4", "ECDSA-SHA512", KeyKind.ECDSA, null, false),
    MD5_RSA("1.2.840.113549.1.1.4", "MD5-RSA", KeyKind.RSA, null, true),
    SHA1_RSA("1.2.840.113549.1.1.5", "SHA1-RSA", KeyKind.RSA, null, true),
    SHA256_RSA("1.2.840.113549.1.1.11", "SHA256-RSA", KeyKind.RSA, HashAlgorithm.SHA256, false),
    SHA384_RSA("1.2.840.113549.1.1.12", "SHA384-RSA", KeyKind.RSA, HashAlgorithm.SHA384, false),
    SHA512_RSA("1.2.840.113549.1.1.13", "SHA512-RSA", KeyKind.RSA, null, false),
    UNKNOWN("", "0", KeyKind.OTHER, null, false);

    enum KeyKind { ECDSA, RSA, OTHER }

    private final String oid;
    private final String goName;
    private final KeyKind keyKind;
    private final HashAlgorithm hash;
    private final boolean insecure;

    SignatureAlgorithm(String oid, String goName, KeyKind keyKind, HashAlgorithm hash, boolean insecure) {
        this.oid = oid;
        this.goName = goName;
        this.keyKind = keyKind;
        this.hash = hash;
        this.insecure = insecure;
    }

    static SignatureAlgorithm byOid(String oid) {
        for (SignatureAlgorithm a : values()) {
            if (a.oid.equals(oid)) {
                return a;
            }
        }
        return UNKNOWN;
    }

    String goName() {
        return goName;
    }

    KeyKind keyKind() {
        return keyKind;
    }

    boolean insecure() {
        return insecure;
    }

    boolean isEcdsa() {
        return keyKind == KeyKind.ECDSA;
    }

    /** JCA digest name (SHA-1 and SHA-512 are not BCCSP hashes but X.509 uses them). */
    String jcaDigest() {
        return switch (this) {
            case ECDSA_SHA1, SHA1_RSA -> "SHA-1";
            case MD5_RSA -> "MD5";
            case ECDSA_SHA512, SHA512_RSA -> "SHA-512";
            default -> hash == null ? null : hash.jcaName();
        };
    }

    String jcaRsaSignature() {
        return switch (this) {
            case MD5_RSA -> "MD5withRSA";
            case SHA1_RSA -> "SHA1withRSA";
            case SHA256_RSA -> "SHA256withRSA";
            case SHA384_RSA -> "SHA384withRSA";
            case SHA512_RSA -> "SHA512withRSA";
            default -> null;
        };
    }
}
