package io.weft.msp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.BccspException;
import io.weft.bccsp.EcdsaSignature;
import io.weft.bccsp.HashAlgorithm;
import io.weft.bccsp.Pem;
import io.weft.bccsp.PemBlock;
import io.weft.bccsp.internal.ByteKey;
import io.weft.bccsp.internal.Der;
import io.weft.bccsp.internal.DerException;

/**
 * An MSP's roots of trust and what Fabric derives from them: certificate sanitisation (low-S),
 * the unique validation chain at {@code NotBefore + 1s}, revocation, and chain identifiers.
 * Immutable; setup makes successive instances as it learns more.
 */
final class Trust {

    final Bccsp bccsp;
    final X509Verifier verifier;
    final String identityHashName;
    final List<ParsedCert> roots;
    final List<ParsedCert> intermediates;
    final CertPool rootPool;
    final CertPool intermediatePool;
    final Set<ByteKey> internalNodes;
    final List<ParsedCrl> crls;

    private Trust(Bccsp bccsp, X509Verifier verifier, String identityHashName, List<ParsedCert> roots,
            List<ParsedCert> intermediates, Set<ByteKey> internalNodes, List<ParsedCrl> crls) {
        this.bccsp = bccsp;
        this.verifier = verifier;
        this.identityHashName = identityHashName;
        this.roots = List.copyOf(roots);
        this.intermediates = List.copyOf(intermediates);
        this.rootPool = new CertPool(roots);
        this.intermediatePool = new CertPool(intermediates);
        this.internalNodes = Set.copyOf(internalNodes);
        this.crls = List.copyOf(crls);
    }

    static Trust of(Bccsp bccsp, String identityHashName, List<ParsedCert> roots, List<ParsedCert> intermediates) {
        return new Trust(Objects.requireNonNull(bccsp), new X509Verifier(bccsp), identityHashName, roots,
                intermediates, Set.of(), List.of());
    }

    Trust withCas(List<ParsedCert> roots, List<ParsedCert> intermediates) {
        return new Trust(bccsp, verifier, identityHashName, roots, intermediates, internalNodes, crls);
    }

    Trust withCrls(List<ParsedCrl> crls) {
        return new Trust(bccsp, verifier, identityHashName, roots, intermediates, internalNodes, crls);
    }

    Trust withInternalNodes(Set<ByteKey> nodes) {
        return new Trust(bccsp, verifier, identityHashName, roots, intermediates, nodes, crls);
    }

    /** The time Fabric validates a certificate at: one second after it became valid. */
    static Instant validityTime(ParsedCert cert) {
        return cert.notBefore.plus(Duration.ofSeconds(1));
    }

    /** The identity hash function (Fabric's {@code IdentityIdentifierHashFunction}). */
    HashAlgorithm identityHash() throws MspException {
        try {
            return HashAlgorithm.byFabricName(identityHashName);
        } catch (BccspException e) {
            throw new MspException("failed getting hash function options: " + e.getMessage());
        }
    }

    /** Fabric's {@code getCertFromPem}. */
    ParsedCert certFromPem(byte[] idBytes) throws MspException {
        if (idBytes == null) {
            throw new MspException("getCertFromPem error: nil idBytes");
        }
        PemBlock block = Pem.decode(idBytes).orElseThrow(() -> new MspException(
                "getCertFromPem error: could not decode pem bytes [" + GoFormat.hex(idBytes) + "]"));
        try {
            return ParsedCert.parse(block.bytes(), bccsp);
        } catch (MspException e) {
            throw MspException.wrap("getCertFromPem error: failed to parse x509 cert", e);
        }
    }

    /** Fabric's {@code getUniqueValidationChain} against this MSP's pools. */
    List<ParsedCert> uniqueChain(ParsedCert cert) throws MspException {
        return uniqueChain(cert, rootPool);
    }

    List<ParsedCert> uniqueChain(ParsedCert cert, CertPool roots) throws MspException {
        return uniqueChain(cert, roots, intermediatePool);
    }

    /** Fabric's {@code getUniqueValidationChain} against explicit pools (the TLS ones). */
    List<ParsedCert> uniqueChain(ParsedCert cert, CertPool roots, CertPool intermediates) throws MspException {
        List<List<ParsedCert>> chains;
        try {
            chains = verifier.verify(cert, roots, intermediates, validityTime(cert));
        } catch (MspException e) {
            throw MspException.wrap("the supplied identity is not valid", e);
        }
        if (chains.size() != 1) {
            throw new MspException("this MSP only supports a single validation chain, got " + chains.size());
        }
        List<ParsedCert> chain = chains.get(0);
        checkLegacyNameConstraints(chain);
        return chain;
    }

    /** Fabric's {@code verifyLegacyNameConstraints} (the Go 1.14 rule Fabric kept). */
    private static void checkLegacyNameConstraints(List<ParsedCert> chain) throws MspException {
        if (chain.size() < 2) {
            return;
        }
        ParsedCert leaf = chain.get(0);
        if (leaf.hasSanExtension() || !validHostname(leaf.commonName == null ? "" : leaf.commonName)) {
            return;
        }
        for (int i = 1; i < chain.size(); i++) {
            if (chain.get(i).hasNameConstraints()) {
                throw new MspException("the supplied identity is not valid: "
                        + "x509: issuer has name constraints but leaf doesn't have a SAN extension");
            }
        }
    }

    private static boolean validHostname(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty()) {
            return false;
        }
        String[] parts = h.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                return false;
            }
            if (i == 0 && part.equals("*")) {
                continue;
            }
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'
                        || c == '-' && j != 0 || c == '_' || c == ':';
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Fabric's {@code getValidationChain}: the unique chain, whose issuer must be a leaf CA. */
    List<ParsedCert> validationChain(ParsedCert cert, boolean intermediateChain) throws MspException {
        List<ParsedCert> chain;
        try {
            chain = uniqueChain(cert);
        } catch (MspException e) {
            throw MspException.wrap("failed getting validation chain", e);
        }
        return checkParentIsLeaf(cert, chain, intermediateChain);
    }

    List<ParsedCert> checkParentIsLeaf(ParsedCert cert, List<ParsedCert> chain, boolean intermediateChain)
            throws MspException {
        if (chain.size() < 2) {
            throw new MspException("expected a chain of length at least 2, got " + chain.size());
        }
        ParsedCert parent = chain.get(intermediateChain ? 0 : 1);
        if (internalNodes.contains(ByteKey.of(parent.raw))) {
            throw new MspException("invalid validation chain. Parent certificate should be a leaf of the "
                    + "certification tree [" + GoFormat.hex(cert.raw) + "]");
        }
        return chain;
    }

    /**
     * Fabric's {@code sanitizeCert}: an ECDSA-signed certificate whose signature has a high S gets
     * that signature replaced by its low-S twin, verified against the issuer found by chain
     * validation. Returns the certificate and, when one was built, its chain.
     */
    Sanitized sanitize(ParsedCert cert) throws MspException {
        if (!cert.isEcdsaSigned()) {
            return new Sanitized(cert, null);
        }
        CertPool roots = rootPool;
        boolean rootCa = false;
        ParsedCert c = cert;
        if (cert.isCA && verifier.checkSignatureFrom(cert, cert) == null) {
            c = lowS(cert, cert);
            rootCa = true;
            roots = new CertPool(List.of(c));
        }
        List<ParsedCert> chain = uniqueChain(c, roots);
        if (rootCa) {
            return new Sanitized(c, chain);
        }
        if (chain.size() <= 1) {
            throw new MspException("failed to traverse certificate verification chain for leaf or intermediate "
                    + "certificate, with subject " + cert.subjectString());
        }
        ParsedCert sanitized = lowS(cert, chain.get(1));
        if (sanitized == cert) {
            return new Sanitized(cert, chain);
        }
        List<ParsedCert> sanitizedChain = new ArrayList<>(chain);
        sanitizedChain.set(0, sanitized);
        return new Sanitized(sanitized, List.copyOf(sanitizedChain));
    }

    /** A sanitised certificate and the chain found for it (null when none was built). */
    record Sanitized(ParsedCert cert, List<ParsedCert> chain) {
    }

    /** Fabric's {@code sanitizeECDSASignedCert}. */
    private ParsedCert lowS(ParsedCert cert, ParsedCert parent) throws MspException {
        if (!(parent.key instanceof CertKey.Ec ec)) {
            throw new MspException("parent certificate must have an ECDSA key to sanitize an ECDSA signature");
        }
        byte[] expected;
        try {
            expected = EcdsaSignature.toLowS(ec.key().curve(), cert.signature);
        } catch (BccspException e) {
            throw new MspException(e.getMessage());
        }
        if (Arrays.equals(expected, cert.signature)) {
            return cert;
        }
        try {
            byte[] algId = sanitizedAlgorithmIdentifier(cert);
            byte[] bits = Der.encode(Der.BIT_STRING, Der.concat(new byte[] {0}, expected));
            byte[] raw = Der.encode(Der.SEQUENCE, Der.concat(cert.rawTbs, algId, bits));
            return ParsedCert.parse(raw, bccsp);
        } catch (DerException e) {
            throw new MspException("marshalling of the certificate failed: " + e.getMessage());
        }
    }

    // pkix.AlgorithmIdentifier round trip: the OID and, if present, the parameters.
    private static byte[] sanitizedAlgorithmIdentifier(ParsedCert cert) throws DerException {
        byte[] raw = Arrays.copyOfRange(cert.raw, cert.sigAlgStart, cert.sigAlgEnd);
        Der.Tlv seq = Der.read(raw, 0, raw.length, Der.SEQUENCE);
        List<Der.Tlv> parts = Der.children(raw, seq);
        byte[] content = parts.get(0).element(raw);
        if (parts.size() > 1) {
            content = Der.concat(content, parts.get(1).element(raw));
        }
        return Der.encode(Der.SEQUENCE, content);
    }

    /** Fabric's {@code validateCertAgainstChain}: revocation by a CRL of the issuing CA. */
    void checkNotRevoked(ParsedCert cert, List<ParsedCert> chain) throws MspException {
        ParsedCert signer = chain.get(1);
        if (signer.subjectKeyId == null) {
            throw new MspException("could not obtain Subject Key Identifier for signer cert: "
                    + "subjectKeyIdentifier not found in certificate");
        }
        for (ParsedCrl crl : crls) {
            if (!crl.hasAkiExtension) {
                throw new MspException("could not obtain Authority Key Identifier for crl: "
                        + "authorityKeyIdentifier not found in certificate");
            }
            if (crl.authorityKeyId == null || !Arrays.equals(crl.authorityKeyId, signer.subjectKeyId)) {
                continue;
            }
            if (crl.revokes(cert.serial)
                    && verifier.checkSignature(crl.signatureAlgorithm, crl.rawTbs, crl.signature, signer.key, true) == null) {
                throw new MspException("The certificate has been revoked");
            }
        }
    }

    /** Fabric's {@code getCertificationChainIdentifierFromChain}: hash of the concatenated certificates. */
    byte[] chainIdentifier(List<ParsedCert> chain) throws MspException {
        var digest = identityHash().newDigest();
        for (ParsedCert c : chain) {
            digest.update(c.raw);
        }
        return digest.digest();
    }

    /** Fabric's {@code getCertifiersIdentifier} for a CA certificate named in configuration. */
    byte[] certifiersIdentifier(byte[] pem) throws MspException {
        ParsedCert cert;
        try {
            cert = certFromPem(pem);
        } catch (MspException e) {
            throw new MspException("Failed getting certificate for [" + GoFormat.hex(pem) + "]: [" + e.getMessage() + "]");
        }
        try {
            cert = sanitize(cert).cert();
        } catch (MspException e) {
            throw new MspException("sanitizeCert failed " + e.getMessage());
        }
        boolean root = false;
        boolean found = false;
        for (ParsedCert r : roots) {
            if (r.sameAs(cert)) {
                found = true;
                root = true;
                break;
            }
        }
        if (!found) {
            for (ParsedCert r : intermediates) {
                if (r.sameAs(cert)) {
                    found = true;
                    break;
                }
            }
        }
        if (!found) {
            throw new MspException("Failed adding OU. Certificate [" + cert.subjectString()
                    + "] not in root or intermediate certs.");
        }
        List<ParsedCert> chain;
        if (root) {
            chain = List.of(cert);
        } else {
            try {
                chain = validationChain(cert, true);
            } catch (MspException e) {
                throw new MspException("Failed computing validation chain for [" + cert.subjectString() + "]. ["
                        + e.getMessage() + "]");
            }
        }
        return chainIdentifier(chain);
    }

    /** Internal nodes of the certification tree: every CA above an intermediate. */
    Set<ByteKey> computeInternalNodes() throws MspException {
        Set<ByteKey> nodes = new HashSet<>();
        for (ParsedCert c : intermediates) {
            List<ParsedCert> chain;
            try {
                chain = uniqueChain(c);
            } catch (MspException e) {
                throw MspException.wrap("failed getting validation chain, (SN: " + c.serial + ")", e);
            }
            for (int i = 1; i < chain.size(); i++) {
                nodes.add(ByteKey.of(chain.get(i).raw));
            }
        }
        return nodes;
    }
}
