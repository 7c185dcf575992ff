package io.weft.msp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.weft.bccsp.BccspException;
import io.weft.bccsp.EcdsaSignature;
import io.weft.bccsp.Pem;
import io.weft.bccsp.PemBlock;
import io.weft.bccsp.internal.Der;
import io.weft.bccsp.internal.DerException;

/**
 * A certificate revocation list as Fabric's MSP uses it: who signed it (authority key identifier),
 * which serial numbers it revokes, and the signed bytes with their signature.
 */
final class ParsedCrl {

    private static final byte[] PEM_PREFIX = "-----BEGIN X509 CRL".getBytes(StandardCharsets.US_ASCII);
    private static final String OID_AKI = "2.5.29.35";

    final byte[] rawTbs;
    final SignatureAlgorithm signatureAlgorithm;
    final byte[] signature;
    final Set<BigInteger> revoked;
    final boolean hasAkiExtension;
    final byte[] authorityKeyId;

    private ParsedCrl(byte[] rawTbs, SignatureAlgorithm alg, byte[] signature, Set<BigInteger> revoked,
            boolean hasAkiExtension, byte[] authorityKeyId) {
        this.rawTbs = rawTbs;
        this.signatureAlgorithm = alg;
        this.signature = signature;
        this.revoked = Set.copyOf(revoked);
        this.hasAkiExtension = hasAkiExtension;
        this.authorityKeyId = authorityKeyId;
    }

    boolean revokes(BigInteger serial) {
        return revoked.contains(serial);
    }

    /**
     * Go's {@code x509.ParseCRL} (PEM {@code X509 CRL} or DER) followed by Fabric's re-encoding of
     * ECDSA signatures.
     */
    static ParsedCrl parse(byte[] bytes) throws MspException {
        byte[] der = bytes;
        if (startsWith(bytes, PEM_PREFIX)) {
            PemBlock block = Pem.decode(bytes).orElse(null);
            if (block != null && "X509 CRL".equals(block.type())) {
                der = block.bytes();
            }
        }
        ParsedCrl crl;
        try {
            crl = parseDer(der);
        } catch (DerException | RuntimeException e) {
            throw new MspException("could not parse RevocationList: " + e.getMessage());
        }
        if (crl.signatureAlgorithm.isEcdsa()) {
            try {
                byte[] canonical = EcdsaSignature.fromDer(crl.signature).toDer();
                return new ParsedCrl(crl.rawTbs, crl.signatureAlgorithm, canonical, crl.revoked, crl.hasAkiExtension,
                        crl.authorityKeyId);
            } catch (BccspException e) {
                throw new MspException(e.getMessage());
            }
        }
        return crl;
    }

    private static ParsedCrl parseDer(byte[] d) throws DerException {
        Der.Tlv outer = Der.read(d, 0, d.length, Der.SEQUENCE);
        if (outer.end() != d.length) {
            throw new DerException("x509: trailing data after CRL");
        }
        List<Der.Tlv> top = Der.children(d, outer);
        if (top.size() < 3 || top.get(0).tag() != Der.SEQUENCE || top.get(1).tag() != Der.SEQUENCE
                || top.get(2).tag() != Der.BIT_STRING || top.get(2).contentLength() < 1) {
            throw new DerException("asn1: structure error: malformed CRL");
        }
        Der.Tlv tbs = top.get(0);
        List<Der.Tlv> alg = Der.children(d, top.get(1));
        if (alg.isEmpty()) {
            throw new DerException("asn1: structure error: malformed algorithm identifier");
        }
        SignatureAlgorithm sigAlg = SignatureAlgorithm.byOid(ParsedCert.oid(d, alg.get(0)));
        byte[] signature = ParsedCert.rightAlign(d, top.get(2));

        List<Der.Tlv> f = Der.children(d, tbs);
        int i = 0;
        if (i < f.size() && f.get(i).tag() == Der.INTEGER) {
            Der.integer(d, f.get(i++));
        }
        expect(f, i++, Der.SEQUENCE);
        expect(f, i++, Der.SEQUENCE);
        Der.Tlv thisUpdate = expectTime(f, i++);
        if (thisUpdate == null) {
            throw new DerException("asn1: structure error: malformed thisUpdate");
        }
        if (i < f.size() && (f.get(i).tag() == 0x17 || f.get(i).tag() == 0x18)) {
            i++;
        }
        Set<BigInteger> revoked = new HashSet<>();
        if (i < f.size() && f.get(i).tag() == Der.SEQUENCE) {
            for (Der.Tlv entry : Der.children(d, f.get(i))) {
                if (entry.tag() != Der.SEQUENCE) {
                    throw new DerException("asn1: structure error: malformed revoked certificate");
                }
                List<Der.Tlv> e = Der.children(d, entry);
                if (e.size() < 2) {
                    throw new DerException("asn1: structure error: malformed revoked certificate");
                }
                revoked.add(Der.integer(d, e.get(0)));
            }
            i++;
        }
        boolean hasAki = false;
        byte[] aki = null;
        if (i < f.size() && f.get(i).tag() == 0xa0) {
            Der.Tlv exts = Der.read(d, f.get(i).contentStart(), f.get(i).end(), Der.SEQUENCE);
            for (Der.Tlv ext : Der.children(d, exts)) {
                List<Der.Tlv> parts = Der.children(d, ext);
                if (parts.size() < 2) {
                    throw new DerException("asn1: structure error: malformed extension");
                }
                if (!hasAki && OID_AKI.equals(ParsedCert.oid(d, parts.get(0)))) {
                    hasAki = true;
                    Der.Tlv value = parts.get(parts.size() - 1);
                    aki = keyIdentifier(value.content(d));
                }
            }
        }
        return new ParsedCrl(tbs.element(d), sigAlg, signature, revoked, hasAki, aki);
    }

    private static byte[] keyIdentifier(byte[] v) throws DerException {
        Der.Tlv seq = Der.read(v, 0, v.length, Der.SEQUENCE);
        for (Der.Tlv t : Der.children(v, seq)) {
            if (t.tag() == 0x80) {
                return t.content(v);
            }
        }
        return null;
    }

    private static void expect(List<Der.Tlv> f, int i, int tag) throws DerException {
        if (i >= f.size() || f.get(i).tag() != tag) {
            throw new DerException("asn1: structure error: malformed CRL");
        }
    }

    private static Der.Tlv expectTime(List<Der.Tlv> f, int i) {
        if (i < f.size() && (f.get(i).tag() == 0x17 || f.get(i).tag() == 0x18)) {
            return f.get(i);
        }
        return null;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static List<ParsedCrl> parseAll(List<byte[]> lists) throws MspException {
        List<ParsedCrl> out = new ArrayList<>();
        for (byte[] b : lists) {
            out.add(parse(b));
        }
        return out;
    }
}
