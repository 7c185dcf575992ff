package io.weft.bccsp;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import io.weft.bccsp.internal.Der;
import io.weft.bccsp.internal.DerException;

/**
 * Private key parsing as Fabric's {@code pemToPrivateKey}/{@code derToPrivateKey}: PKCS#1 RSA,
 * PKCS#8 and SEC1 EC, tried in that order. Only EC keys are usable; the others are recognised so
 * that the error can say what the key was.
 */
final class PrivateKeys {

    private PrivateKeys() {
    }

    /** A parse outcome: an EC key, or the reason there is none. */
    record Parsed(EcPrivateKey key, String notEcReason) {
    }

    static Parsed fromPem(byte[] raw) throws BccspException {
        if (raw == null || raw.length == 0) {
            throw new BccspException("invalid PEM. It must be different from nil");
        }
        PemBlock block = Pem.decode(raw)
                .orElseThrow(() -> new BccspException("failed decoding PEM. Block must be different from nil"));
        if (block.encrypted()) {
            throw new BccspException("encrypted Key. Need a password");
        }
        return fromDer(block.bytes());
    }

    static Parsed fromDer(byte[] der) throws BccspException {
        if (der == null || der.length == 0) {
            throw new BccspException("invalid DER. It must be different from nil");
        }
        if (isPkcs1Rsa(der)) {
            return new Parsed(null, "the key is an RSA key (PKCS#1)");
        }
        try {
            return new Parsed(pkcs8(der), null);
        } catch (NotPkcs8 e) {
            // fall through to SEC1, as Go does
        } catch (UnknownPkcs8 e) {
            throw new BccspException("found unknown private key type in PKCS#8 wrapping");
        }
        try {
            return new Parsed(sec1(der, null), null);
        } catch (DerException | BccspException e) {
            throw new BccspException("invalid key type. The DER must contain an ecdsa.PrivateKey");
        }
    }

    private static final class NotPkcs8 extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private static final class UnknownPkcs8 extends Exception {
        private static final long serialVersionUID = 1L;
    }

    // PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm AlgorithmIdentifier, privateKey OCTET STRING, ... }
    private static EcPrivateKey pkcs8(byte[] der) throws NotPkcs8, UnknownPkcs8 {
        String algorithm;
        String curveOid = null;
        byte[] inner;
        try {
            Der.Tlv seq = Der.readWhole(der, 0, der.length);
            List<Der.Tlv> f = Der.children(der, seq);
            if (seq.tag() != Der.SEQUENCE || f.size() < 3 || f.get(1).tag() != Der.SEQUENCE
                    || f.get(2).tag() != Der.OCTET_STRING) {
                throw new NotPkcs8();
            }
            Der.integer(der, f.get(0));
            List<Der.Tlv> alg = Der.children(der, f.get(1));
            if (alg.isEmpty() || alg.get(0).tag() != Der.OID) {
                throw new NotPkcs8();
            }
            algorithm = Oids.decode(der, alg.get(0));
            if (alg.size() > 1 && alg.get(1).tag() == Der.OID) {
                curveOid = Oids.decode(der, alg.get(1));
            }
            inner = f.get(2).content(der);
        } catch (DerException e) {
            throw new NotPkcs8();
        }
        if (!SubjectPublicKeyInfos.EC_PUBLIC_KEY.equals(algorithm)) {
            throw new UnknownPkcs8();
        }
        try {
            return sec1(inner, curveOid);
        } catch (DerException | BccspException e) {
            // Go reports the inner failure as a PKCS#8 failure and then tries SEC1 on the outer DER,
            // which fails too; the final word is the generic one.
            throw new NotPkcs8();
        }
    }

    // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] curve OID OPTIONAL, [1] publicKey OPTIONAL }
    private static EcPrivateKey sec1(byte[] der, String curveFromWrapper) throws DerException, BccspException {
        Der.Tlv seq = Der.read(der, 0, der.length, Der.SEQUENCE);
        List<Der.Tlv> f = Der.children(der, seq);
        if (f.size() < 2 || f.get(1).tag() != Der.OCTET_STRING) {
            throw new DerException("x509: failed to parse EC private key");
        }
        BigInteger version = Der.integer(der, f.get(0));
        if (!version.equals(BigInteger.ONE)) {
            throw new BccspException("x509: unknown EC private key version " + version);
        }
        String curveOid = curveFromWrapper;
        if (curveOid == null) {
            for (int i = 2; i < f.size(); i++) {
                Der.Tlv t = f.get(i);
                if (t.tag() == 0xa0) {
                    Der.Tlv oid = Der.read(der, t.contentStart(), t.end(), Der.OID);
                    curveOid = Oids.decode(der, oid);
                }
            }
        }
        EcCurve curve = curveOid == null ? null : EcCurve.byOid(curveOid).orElse(null);
        if (curve == null) {
            throw new BccspException("x509: unknown elliptic curve");
        }
        byte[] k = f.get(1).content(der);
        int size = (curve.order().bitLength() + 7) / 8;
        while (k.length > size) {
            if (k[0] != 0) {
                throw new BccspException("x509: invalid private key length");
            }
            k = Arrays.copyOfRange(k, 1, k.length);
        }
        BigInteger d = new BigInteger(1, k);
        if (d.signum() == 0 || d.compareTo(curve.order()) >= 0) {
            throw new BccspException("x509: invalid elliptic curve private key value");
        }
        return new EcPrivateKey(curve, d);
    }

    // RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qinv, ... }: nine integers at least.
    private static boolean isPkcs1Rsa(byte[] der) {
        try {
            Der.Tlv seq = Der.readWhole(der, 0, der.length);
            if (seq.tag() != Der.SEQUENCE) {
                return false;
            }
            List<Der.Tlv> f = Der.children(der, seq);
            if (f.size() < 9) {
                return false;
            }
            for (int i = 0; i < 9; i++) {
                Der.integer(der, f.get(i));
            }
            return true;
        } catch (DerException e) {
            return false;
        }
    }
}
