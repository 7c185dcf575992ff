package io.weft.msp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.BccspException;
import io.weft.bccsp.EcPrivateKey;
import io.weft.bccsp.Pem;
import io.weft.bccsp.PemBlock;

import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.SigningIdentityInfo;

/**
 * Fabric's MSP setup ({@code setupV1}, {@code setupV11}, {@code setupV142}): the same steps in the
 * same order per version, so that a configuration with several problems reports the one Fabric
 * reports.
 */
final class MspSetup {

    /** A sanitised certificate with its identifier and the chain found for it. */
    record Cert(ParsedCert cert, String id, List<ParsedCert> chain) {
    }

    /** The signing identity's certificate and key. */
    record Signer(Cert cert, EcPrivateKey key) {
    }

    /** Everything an MSP is made of. */
    record Result(FabricMSPConfig config, String name, MspVersion version, Trust trust, String signatureHashFamily, List<Cert> admins,
            Map<String, List<byte[]>> ouIdentifiers, NodeOUs nodeOUs, Signer signer, List<ByteString> tlsRootCerts,
            List<ByteString> tlsIntermediateCerts) {
    }

    private final FabricMSPConfig conf;
    private final MspVersion version;
    private final Bccsp bccsp;
    private final Instant now;
    private Trust trust;

    private MspSetup(FabricMSPConfig conf, MspVersion version, Bccsp bccsp, Instant now) {
        this.conf = Objects.requireNonNull(conf, "conf");
        this.version = Objects.requireNonNull(version, "version");
        this.bccsp = Objects.requireNonNull(bccsp, "bccsp");
        this.now = Objects.requireNonNull(now, "now");
    }

    /** Sets up an MSP; {@code now} is only used for the signing identity's expiry. */
    static BccspMsp setup(FabricMSPConfig conf, MspVersion version, Bccsp bccsp, Instant now) throws MspException {
        BccspMsp msp = new BccspMsp(new MspSetup(conf, version, bccsp, now).run());
        msp.postSetup();
        return msp;
    }

    private Result run() throws MspException {
        String signatureHashFamily = conf.hasCryptoConfig() ? conf.getCryptoConfig().getSignatureHashFamily() : "";
        String identityHash = conf.hasCryptoConfig() ? conf.getCryptoConfig().getIdentityIdentifierHashFunction() : "";
        if (signatureHashFamily.isEmpty()) {
            signatureHashFamily = "SHA2";
        }
        if (identityHash.isEmpty()) {
            identityHash = "SHA256";
        }
        setupCas(identityHash);
        List<Cert> admins = null;
        if (version != MspVersion.V1_4_3) {
            admins = admins();
        }
        trust = trust.withCrls(crls());
        finalizeCas();
        Signer signer = conf.hasSigningIdentity() ? signer(conf.getSigningIdentity()) : null;
        List<ByteString> tlsRoots = new ArrayList<>(conf.getTlsRootCertsList());
        List<ByteString> tlsIntermediates = new ArrayList<>(conf.getTlsIntermediateCertsList());
        setupTlsCas(tlsRoots, tlsIntermediates);
        Map<String, List<byte[]>> ous = ouIdentifiers();
        NodeOUs nodeOUs = switch (version) {
            case V1_0 -> NodeOUs.NONE;
            case V1_1, V1_3 -> nodeOUsV11();
            case V1_4_3 -> nodeOUsV142();
        };
        if (version == MspVersion.V1_4_3) {
            admins = admins();
            if (admins.isEmpty() && (!nodeOUs.enforced() || nodeOUs.admin() == null)) {
                throw new MspException("administrators must be declared when no admin ou classification is set");
            }
        }
        return new Result(conf, conf.getName(), version, trust, signatureHashFamily, admins, ous, nodeOUs, signer, tlsRoots,
                tlsIntermediates);
    }

    private void setupCas(String identityHash) throws MspException {
        if (conf.getRootCertsCount() == 0) {
            throw new MspException("expected at least one CA certificate");
        }
        List<ParsedCert> roots = new ArrayList<>();
        List<ParsedCert> intermediates = new ArrayList<>();
        Trust bootstrap = Trust.of(bccsp, identityHash, List.of(), List.of());
        for (ByteString b : conf.getRootCertsList()) {
            roots.add(bootstrap.certFromPem(b.toByteArray()));
        }
        for (ByteString b : conf.getIntermediateCertsList()) {
            intermediates.add(bootstrap.certFromPem(b.toByteArray()));
        }
        // sanitisation needs the pools, which are then rebuilt from the sanitised certificates
        trust = Trust.of(bccsp, identityHash, roots, intermediates);
        List<ParsedCert> sanitizedRoots = new ArrayList<>();
        for (ByteString b : conf.getRootCertsList()) {
            sanitizedRoots.add(identityFromConf(b.toByteArray()).cert());
        }
        List<ParsedCert> sanitizedIntermediates = new ArrayList<>();
        for (ByteString b : conf.getIntermediateCertsList()) {
            sanitizedIntermediates.add(identityFromConf(b.toByteArray()).cert());
        }
        trust = trust.withCas(sanitizedRoots, sanitizedIntermediates);
    }

    /** Fabric's {@code getIdentityFromConf}: PEM certificate, key import, sanitised identity. */
    private Cert identityFromConf(byte[] pem) throws MspException {
        ParsedCert cert = trust.certFromPem(pem);
        checkKeyType(cert);
        Trust.Sanitized s = trust.sanitize(cert);
        return new Cert(s.cert(), GoFormat.hex(trust.chainIdentifier(List.of(s.cert()))), s.chain());
    }

    /** Fabric's X.509 key import: ECDSA and RSA keys only. */
    static void checkKeyType(ParsedCert cert) throws MspException {
        if (cert.key instanceof CertKey.Other) {
            throw new MspException("Certificate's public key type not recognized. Supported keys: [ECDSA, RSA]");
        }
    }

    private List<Cert> admins() throws MspException {
        List<Cert> admins = new ArrayList<>();
        for (ByteString b : conf.getAdminsList()) {
            admins.add(identityFromConf(b.toByteArray()));
        }
        return admins;
    }

    private List<ParsedCrl> crls() throws MspException {
        List<ParsedCrl> crls = new ArrayList<>();
        for (ByteString b : conf.getRevocationListList()) {
            crls.add(ParsedCrl.parse(b.toByteArray()));
        }
        return crls;
    }

    private void finalizeCas() throws MspException {
        List<ParsedCert> all = new ArrayList<>(trust.roots);
        all.addAll(trust.intermediates);
        for (ParsedCert c : all) {
            checkCaShape(c);
            List<ParsedCert> chain;
            try {
                chain = trust.uniqueChain(c);
            } catch (MspException e) {
                throw MspException.wrap("CA Certificate is not valid, (SN: " + c.serial + ")",
                        MspException.wrap("could not obtain certification chain", e));
            }
            if (chain.size() > 1) {
                try {
                    trust.checkNotRevoked(c, chain);
                } catch (MspException e) {
                    throw MspException.wrap("CA Certificate is not valid, (SN: " + c.serial + ")", e);
                }
            }
        }
        trust = trust.withInternalNodes(trust.computeInternalNodes());
    }

    private static void checkCaShape(ParsedCert c) throws MspException {
        if (!c.isCA) {
            throw new MspException("CA Certificate did not have the CA attribute, (SN: " + c.serial.toString(16) + ")");
        }
        if (c.subjectKeyId == null) {
            throw new MspException("CA Certificate problem with Subject Key Identifier extension, (SN: "
                    + c.serial.toString(16) + "): subjectKeyIdentifier not found in certificate");
        }
    }

    /** Fabric's {@code getSigningIdentityFromConf} and the expiry check of {@code setupSigningIdentity}. */
    private Signer signer(SigningIdentityInfo info) throws MspException {
        Cert cert = identityFromConf(info.getPublicSigner().toByteArray());
        EcPrivateKey key = null;
        String keyStoreError;
        if (cert.cert().key instanceof CertKey.Ec ec) {
            try {
                key = bccsp.getKey(ec.key().ski());
                keyStoreError = null;
            } catch (BccspException e) {
                keyStoreError = e.getMessage();
            }
        } else {
            keyStoreError = "the signing certificate does not hold an ECDSA key";
        }
        if (key == null) {
            if (!info.hasPrivateSigner() || info.getPrivateSigner().getKeyMaterial().isEmpty()) {
                throw new MspException("KeyMaterial not found in SigningIdentityInfo (" + keyStoreError + ")");
            }
            PemBlock block = Pem.decode(info.getPrivateSigner().getKeyMaterial().toByteArray())
                    .orElseThrow(() -> new MspException(info.getPrivateSigner().getKeyIdentifier() + ": wrong PEM encoding"));
            try {
                key = bccsp.importPrivateKey(block.bytes());
            } catch (BccspException e) {
                throw new MspException("getIdentityFromBytes error: Failed to import EC private key: " + e.getMessage(), e);
            }
        }
        Instant expires = cert.cert().notAfter;
        if (!expires.isAfter(now)) {
            throw new MspException("signing identity expired " + GoFormat.duration(Duration.between(expires, now)) + " ago");
        }
        return new Signer(cert, key);
    }

    private void setupTlsCas(List<ByteString> rootPems, List<ByteString> intermediatePems) throws MspException {
        List<ParsedCert> roots = new ArrayList<>();
        for (ByteString b : rootPems) {
            roots.add(trust.certFromPem(b.toByteArray()));
        }
        List<ParsedCert> intermediates = new ArrayList<>();
        for (ByteString b : intermediatePems) {
            intermediates.add(trust.certFromPem(b.toByteArray()));
        }
        CertPool rootPool = new CertPool(roots);
        CertPool intermediatePool = new CertPool(intermediates);
        List<ParsedCert> all = new ArrayList<>(roots);
        all.addAll(intermediates);
        for (ParsedCert c : all) {
            checkCaShape(c);
            List<ParsedCert> chain;
            try {
                chain = trust.uniqueChain(c, rootPool, intermediatePool);
            } catch (MspException e) {
                throw MspException.wrap("CA Certificate is not valid, (SN: " + c.serial + ")",
                        MspException.wrap("could not obtain certification chain", e));
            }
            if (chain.size() > 1) {
                try {
                    trust.checkNotRevoked(c, chain);
                } catch (MspException e) {
                    throw MspException.wrap("CA Certificate is not valid, (SN: " + c.serial + ")", e);
                }
            }
        }
    }

    private Map<String, List<byte[]>> ouIdentifiers() throws MspException {
        Map<String, List<byte[]>> ous = new LinkedHashMap<>();
        for (FabricOUIdentifier ou : conf.getOrganizationalUnitIdentifiersList()) {
            byte[] certifiers;
            try {
                certifiers = trust.certifiersIdentifier(ou.getCertificate().toByteArray());
            } catch (MspException e) {
                throw MspException.wrap("failed getting certificate for [" + ou.getOrganizationalUnitIdentifier() + "]", e);
            }
            List<byte[]> list = ous.computeIfAbsent(ou.getOrganizationalUnitIdentifier(), k -> new ArrayList<>());
            if (list.stream().noneMatch(x -> Arrays.equals(x, certifiers))) {
                list.add(certifiers);
            }
        }
        return ous;
    }

    private NodeOUs nodeOUsV11() throws MspException {
        if (!conf.hasFabricNodeOus()) {
            return NodeOUs.NONE;
        }
        FabricNodeOUs n = conf.getFabricNodeOus();
        if (!n.hasClientOuIdentifier() || n.getClientOuIdentifier().getOrganizationalUnitIdentifier().isEmpty()) {
            throw new MspException("Failed setting up NodeOUs. ClientOU must be different from nil.");
        }
        if (!n.hasPeerOuIdentifier() || n.getPeerOuIdentifier().getOrganizationalUnitIdentifier().isEmpty()) {
            throw new MspException("Failed setting up NodeOUs. PeerOU must be different from nil.");
        }
        return new NodeOUs(n.getEnable(), nodeOU(n.getClientOuIdentifier()), nodeOU(n.getPeerOuIdentifier()), null, null);
    }

    private NodeOUs nodeOUsV142() throws MspException {
        if (!conf.hasFabricNodeOus()) {
            return NodeOUs.NONE;
        }
        FabricNodeOUs n = conf.getFabricNodeOus();
        OUIdentifier client = n.hasClientOuIdentifier() ? nodeOU(n.getClientOuIdentifier()) : null;
        OUIdentifier peer = n.hasPeerOuIdentifier() ? nodeOU(n.getPeerOuIdentifier()) : null;
        OUIdentifier admin = n.hasAdminOuIdentifier() ? nodeOU(n.getAdminOuIdentifier()) : null;
        OUIdentifier orderer = n.hasOrdererOuIdentifier() ? nodeOU(n.getOrdererOuIdentifier()) : null;
        boolean any = client != null || peer != null || admin != null || orderer != null;
        return new NodeOUs(n.getEnable() && any, client, peer, admin, orderer);
    }

    private OUIdentifier nodeOU(FabricOUIdentifier id) throws MspException {
        byte[] certifiers = null;
        if (!id.getCertificate().isEmpty()) {
            certifiers = trust.certifiersIdentifier(id.getCertificate().toByteArray());
        }
        return new OUIdentifier(id.getOrganizationalUnitIdentifier(), certifiers);
    }
}
