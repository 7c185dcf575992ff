package io.weft.msp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.EcdsaSignature;

/**
 * Go's {@code Certificate.Verify} with explicit roots and intermediates: builds every chain from a
 * certificate to a root, applying Go's checks on each candidate (validity at the given time,
 * critical extensions, extended key usage {@code serverAuth}, CA flag, path length, name
 * constraints) and reporting failures in Go's words.
 */
final class X509Verifier {

    private static final int MAX_SIGNATURE_CHECKS = 100;

    private enum Kind { LEAF, INTERMEDIATE, ROOT }

    private final Bccsp bccsp;

    X509Verifier(Bccsp bccsp) {
        this.bccsp = Objects.requireNonNull(bccsp, "bccsp");
    }

    /** All chains from {@code cert} to a root in {@code roots}, each starting with {@code cert}. */
    List<List<ParsedCert>> verify(ParsedCert cert, CertPool roots, CertPool intermediates, Instant now)
            throws MspException {
        String err = isValid(cert, Kind.LEAF, List.of(), now);
        if (err != null) {
            throw new MspException(err);
        }
        if (roots.contains(cert)) {
            return List.of(List.of(cert));
        }
        Search s = new Search(roots, intermediates, now);
        List<ParsedCert> start = new ArrayList<>();
        start.add(cert);
        List<List<ParsedCert>> chains = s.build(cert, start);
        if (chains.isEmpty()) {
            throw new MspException(s.error);
        }
        return chains;
    }

    /** Go's {@code CheckSignatureFrom}: null when {@code parent} signed {@code child}, else the error. */
    String checkSignatureFrom(ParsedCert child, ParsedCert parent) {
        if (parent.version == 3 && !parent.basicConstraintsValid || parent.basicConstraintsValid && !parent.isCA) {
            return "x509: invalid signature: parent certificate cannot sign this kind of certificate";
        }
        if (parent.keyUsage != 0 && (parent.keyUsage & ParsedCert.KEY_USAGE_CERT_SIGN) == 0) {
            return "x509: invalid signature: parent certificate cannot sign this kind of certificate";
        }
        if (parent.key instanceof CertKey.Other o && "<nil>".equals(o.goType())) {
            return "x509: cannot verify signature: algorithm unimplemented";
        }
        return checkSignature(child.signatureAlgorithm, child.rawTbs, child.signature, parent.key, false);
    }

    /** Go's {@code checkSignature}. */
    String checkSignature(SignatureAlgorithm alg, byte[] signed, byte[] signature, CertKey key, boolean allowSha1) {
        if (alg == SignatureAlgorithm.UNKNOWN) {
            return "x509: cannot verify signature: algorithm unimplemented";
        }
        if (alg == SignatureAlgorithm.MD5_RSA || alg.insecure() && !allowSha1) {
            return "x509: cannot verify signature: insecure algorithm " + alg.goName();
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance(alg.jcaDigest()).digest(signed);
        } catch (GeneralSecurityException e) {
            return "x509: cannot verify signature: algorithm unimplemented";
        }
        if (key instanceof CertKey.Ec ec) {
            if (alg.keyKind() != SignatureAlgorithm.KeyKind.ECDSA) {
                return mismatch(alg, key);
            }
            boolean ok = EcdsaSignature.fromStrictDer(signature)
                    .map(sig -> bccsp.verifyAnyS(ec.key(), sig, digest))
                    .orElse(false);
            return ok ? null : "x509: ECDSA verification failure";
        }
        if (key instanceof CertKey.Rsa rsa) {
            if (alg.keyKind() != SignatureAlgorithm.KeyKind.RSA) {
                return mismatch(alg, key);
            }
            try {
                Signature v = Signature.getInstance(alg.jcaRsaSignature());
                v.initVerify(rsa.key());
                v.update(signed);
                return v.verify(signature) ? null : "crypto/rsa: verification error";
            } catch (GeneralSecurityException e) {
                return "crypto/rsa: verification error";
            }
        }
        return "x509: cannot verify signature: algorithm unimplemented";
    }

    private static String mismatch(SignatureAlgorithm alg, CertKey key) {
        String want = alg.keyKind() == SignatureAlgorithm.KeyKind.ECDSA ? "ECDSA" : "RSA";
        return "x509: signature algorithm specifies an " + want + " public key, but have public key of type " + key.goType();
    }

    /** Go's {@code isValid}: null when {@code c} may take that place in the chain, else the error. */
    private String isValid(ParsedCert c, Kind kind, List<ParsedCert> chain, Instant now) {
        if (!c.unhandledCritical.isEmpty()) {
            return "x509: unhandled critical extension";
        }
        if (now.isBefore(c.notBefore)) {
            return "x509: certificate has expired or is not yet valid: current time " + GoFormat.rfc3339(now)
                    + " is before " + GoFormat.rfc3339(c.notBefore);
        }
        if (now.isAfter(c.notAfter)) {
            return "x509: certificate has expired or is not yet valid: current time " + GoFormat.rfc3339(now)
                    + " is after " + GoFormat.rfc3339(c.notAfter);
        }
        if (c.hasExtKeyUsage && !c.extKeyUsage.contains(ParsedCert.EKU_ANY)
                && !c.extKeyUsage.contains(ParsedCert.EKU_SERVER_AUTH)) {
            return "x509: certificate specifies an incompatible key usage";
        }
        if (kind != Kind.LEAF && c.hasNameConstraints() && c.nameConstraints != null) {
            try {
                c.nameConstraints.check(c, chain.get(0));
            } catch (MspException e) {
                return e.getMessage();
            }
        }
        if (kind == Kind.INTERMEDIATE && (!c.basicConstraintsValid || !c.isCA)) {
            return "x509: certificate is not authorized to sign other certificates";
        }
        if (c.basicConstraintsValid && c.maxPathLen >= 0 && chain.size() - 1 > c.maxPathLen) {
            return "x509: too many intermediates for path length constraint";
        }
        return null;
    }

    /** One chain search, carrying Go's error bookkeeping across the recursion. */
    private final class Search {
        private final CertPool roots;
        private final CertPool intermediates;
        private final Instant now;
        private int signatureChecks;
        String error;

        Search(CertPool roots, CertPool intermediates, Instant now) {
            this.roots = roots;
            this.intermediates = intermediates;
            this.now = now;
        }

        List<List<ParsedCert>> build(ParsedCert c, List<ParsedCert> chain) {
            List<List<ParsedCert>> chains = new ArrayList<>();
            String hintErr = null;
            ParsedCert hintCert = null;
            String err = null;
            for (int pass = 0; pass < 2; pass++) {
                Kind kind = pass == 0 ? Kind.ROOT : Kind.INTERMEDIATE;
                for (ParsedCert candidate : (pass == 0 ? roots : intermediates).potentialParents(c)) {
                    if (alreadyInChain(candidate, chain)) {
                        continue;
                    }
                    if (++signatureChecks > MAX_SIGNATURE_CHECKS) {
                        err = "x509: signature check attempts limit reached while verifying certificate chain";
                        continue;
                    }
                    String sigErr = checkSignatureFrom(c, candidate);
                    if (sigErr != null) {
                        if (hintErr == null) {
                            hintErr = sigErr;
                            hintCert = candidate;
                        }
                        continue;
                    }
                    String invalid = isValid(candidate, kind, chain, now);
                    err = invalid;
                    if (invalid != null) {
                        continue;
                    }
                    List<ParsedCert> next = new ArrayList<>(chain);
                    next.add(candidate);
                    if (kind == Kind.ROOT) {
                        chains.add(List.copyOf(next));
                    } else {
                        List<List<ParsedCert>> sub = build(candidate, next);
                        chains.addAll(sub);
                        err = sub.isEmpty() ? error : null;
                    }
                }
            }
            if (!chains.isEmpty()) {
                error = null;
            } else if (err != null) {
                error = err;
            } else {
                String s = "x509: certificate signed by unknown authority";
                if (hintErr != null) {
                    s += " (possibly because of " + GoFormat.quote(hintErr)
                            + " while trying to verify candidate authority certificate "
                            + GoFormat.quote(hintCert.goDisplayName()) + ")";
                }
                error = s;
            }
            return chains;
        }
    }

    /** Go's {@code alreadyInChain}: same subject, same key and same SAN extension. */
    private static boolean alreadyInChain(ParsedCert candidate, List<ParsedCert> chain) {
        for (ParsedCert c : chain) {
            if (!java.util.Arrays.equals(candidate.rawSubject, c.rawSubject)) {
                continue;
            }
            if (!sameKey(candidate.key, c.key)) {
                continue;
            }
            boolean cs = candidate.hasSanExtension();
            boolean ks = c.hasSanExtension();
            if (!cs && !ks) {
                return true;
            }
            if (cs && ks && java.util.Arrays.equals(candidate.sanRaw, c.sanRaw)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameKey(CertKey a, CertKey b) {
        if (a instanceof CertKey.Ec x && b instanceof CertKey.Ec y) {
            return x.key().equals(y.key());
        }
        if (a instanceof CertKey.Rsa x && b instanceof CertKey.Rsa y) {
            return x.key().equals(y.key());
        }
        return false;
    }
}
