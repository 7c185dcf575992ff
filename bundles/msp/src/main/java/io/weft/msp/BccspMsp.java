package io.weft.msp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.BccspException;
import io.weft.bccsp.EcdsaSignature;
import io.weft.bccsp.HashAlgorithm;
import io.weft.bccsp.Pem;
import io.weft.bccsp.PemBlock;
import io.weft.bccsp.internal.BoundedCache;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Fabric's X.509 MSP ({@code bccspmsp}) at one of its versions. Built by {@link MspSetup}; immutable.
 * Principal checks are cached (errors included), as Fabric's cached MSP does.
 */
final class BccspMsp implements Msp {

    private static final int PRINCIPAL_CACHE_SIZE = 1024;

    private final FabricMSPConfig config;
    private final String name;
    private final MspVersion version;
    private final Trust trust;
    private final String signatureHashFamily;
    private final List<X509Identity> admins;
    private final Map<String, List<byte[]>> ouIdentifiers;
    private final NodeOUs nodeOUs;
    private final X509SigningIdentity signer;
    private final List<ByteString> tlsRootCerts;
    private final List<ByteString> tlsIntermediateCerts;
    private final PrincipalEvaluator principals;
    private final BoundedCache<PrincipalKey, Outcome> principalCache = new BoundedCache<>(PRINCIPAL_CACHE_SIZE);

    private record PrincipalKey(String identityId, int classification, ByteString principal) {
    }

    private record Outcome(String error) {
    }

    BccspMsp(MspSetup.Result r) {
        this.config = r.config();
        this.name = r.name();
        this.version = r.version();
        this.trust = r.trust();
        this.signatureHashFamily = r.signatureHashFamily();
        List<X509Identity> a = new ArrayList<>();
        for (MspSetup.Cert c : r.admins()) {
            a.add(new X509Identity(this, c.cert(), c.id(), c.chain()));
        }
        this.admins = List.copyOf(a);
        Map<String, List<byte[]>> ous = new LinkedHashMap<>();
        r.ouIdentifiers().forEach((k, v) -> ous.put(k, List.copyOf(v)));
        this.ouIdentifiers = Collections.unmodifiableMap(ous);
        this.nodeOUs = r.nodeOUs();
        this.signer = r.signer() == null ? null
                : new X509SigningIdentity(this, r.signer().cert().cert(), r.signer().cert().id(),
                        r.signer().cert().chain(), r.signer().key());
        this.tlsRootCerts = List.copyOf(r.tlsRootCerts());
        this.tlsIntermediateCerts = List.copyOf(r.tlsIntermediateCerts());
        this.principals = new PrincipalEvaluator(this);
    }

    FabricMSPConfig config() {
        return config;
    }

    Trust trust() {
        return trust;
    }

    Bccsp bccsp() {
        return trust.bccsp;
    }

    NodeOUs nodeOUs() {
        return nodeOUs;
    }

    List<X509Identity> admins() {
        return admins;
    }

    @Override
    public String id() {
        return name;
    }

    @Override
    public MspVersion version() {
        return version;
    }

    /** The hash of {@code Sign}/{@code Verify}: SHA-256 for SHA2, SHA3-256 for SHA3. */
    HashAlgorithm signatureHash() throws MspException {
        return switch (signatureHashFamily) {
            case "SHA2" -> HashAlgorithm.SHA256;
            case "SHA3" -> HashAlgorithm.SHA3_256;
            default -> throw new MspException("failed getting hash function options: hash family not recognized ["
                    + signatureHashFamily + "]");
        };
    }

    @Override
    public Identity deserializeIdentity(byte[] serializedIdentity) throws MspException {
        Objects.requireNonNull(serializedIdentity, "serializedIdentity");
        SerializedIdentity sid;
        try {
            sid = SerializedIdentity.parseFrom(serializedIdentity);
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("could not deserialize a SerializedIdentity: " + e.getMessage(), e);
        }
        if (!sid.getMspid().equals(name)) {
            throw new MspException("expected MSP ID " + name + ", received " + sid.getMspid());
        }
        return deserializeInternal(sid.getIdBytes().toByteArray());
    }

    /** Fabric's {@code deserializeIdentityInternal}: PEM certificate to identity. */
    X509Identity deserializeInternal(byte[] idBytes) throws MspException {
        PemBlock block = Pem.decode(idBytes).orElseThrow(() -> new MspException("could not decode the PEM structure"));
        ParsedCert cert;
        try {
            cert = ParsedCert.parse(block.bytes(), trust.bccsp);
        } catch (MspException e) {
            throw MspException.wrap("parseCertificate failed", e);
        }
        try {
            MspSetup.checkKeyType(cert);
        } catch (MspException e) {
            throw MspException.wrap("failed to import certificate's public key", e);
        }
        return newIdentity(cert);
    }

    /** Fabric's {@code newIdentity}: sanitise, then hash for the identifier. */
    X509Identity newIdentity(ParsedCert cert) throws MspException {
        Trust.Sanitized s = trust.sanitize(cert);
        String id = GoFormat.hex(trust.chainIdentifier(List.of(s.cert())));
        return new X509Identity(this, s.cert(), id, s.chain());
    }

    @Override
    public void validate(Identity identity) throws MspException {
        if (!(identity instanceof X509Identity x)) {
            throw new MspException("identity type not recognized");
        }
        x.validateWith(this);
    }

    /** Fabric's {@code validateIdentity}, without the per-identity memo. */
    void validateUncached(X509Identity id) throws MspException {
        List<ParsedCert> chain;
        try {
            chain = id.certificationChain();
        } catch (MspException e) {
            throw MspException.wrap("could not obtain certification chain", e);
        }
        try {
            trust.checkNotRevoked(id.cert, chain);
        } catch (MspException e) {
            throw MspException.wrap("could not validate identity against certification chain", e);
        }
        try {
            validateOUs(id);
        } catch (MspException e) {
            throw MspException.wrap("could not validate identity's OUs", e);
        }
    }

    private void validateOUs(X509Identity id) throws MspException {
        List<OUIdentifier> ous = id.organizationalUnits();
        if (!ouIdentifiers.isEmpty()) {
            boolean found = false;
            for (OUIdentifier ou : ous) {
                List<byte[]> certifiers = ouIdentifiers.get(ou.organizationalUnitIdentifier());
                if (certifiers != null) {
                    for (byte[] c : certifiers) {
                        if (ou.sameCertifiers(c)) {
                            found = true;
                            break;
                        }
                    }
                }
            }
            if (!found) {
                if (ous.isEmpty()) {
                    throw new MspException("the identity certificate does not contain an Organizational Unit (OU)");
                }
                throw new MspException("none of the identity's organizational units " + ous + " are in MSP " + name);
            }
        }
        if (version == MspVersion.V1_0 || !nodeOUs.enforced()) {
            return;
        }
        boolean v142 = version == MspVersion.V1_4_3;
        Map<String, OUIdentifier> valid = new LinkedHashMap<>();
        if (v142) {
            for (OUIdentifier n : new OUIdentifier[] {nodeOUs.client(), nodeOUs.peer(), nodeOUs.admin(), nodeOUs.orderer()}) {
                if (n != null) {
                    valid.put(n.organizationalUnitIdentifier(), n);
                }
            }
        }
        int counter = 0;
        for (OUIdentifier ou : ous) {
            OUIdentifier nodeOU;
            if (v142) {
                nodeOU = valid.get(ou.organizationalUnitIdentifier());
            } else if (ou.organizationalUnitIdentifier().equals(nodeOUs.client().organizationalUnitIdentifier())) {
                nodeOU = nodeOUs.client();
            } else if (ou.organizationalUnitIdentifier().equals(nodeOUs.peer().organizationalUnitIdentifier())) {
                nodeOU = nodeOUs.peer();
            } else {
                nodeOU = null;
            }
            if (nodeOU == null) {
                continue;
            }
            if (nodeOU.hasCertifiers() && !nodeOU.sameCertifiers(ou.certifiersIdentifier())) {
                throw new MspException("certifiersIdentifier does not match: " + ous + ", MSP: [" + name + "]");
            }
            counter++;
            if (counter > 1) {
                break;
            }
        }
        if (counter == 0) {
            throw new MspException(v142
                    ? "the identity does not have an OU that resolves to client, peer, orderer, or admin role. OUs: "
                            + ous + ", MSP: [" + name + "]"
                    : "the identity does not have an OU that resolves to client or peer. OUs: " + ous + ", MSP: ["
                            + name + "]");
        }
        if (counter > 1) {
            throw new MspException(v142
                    ? "the identity must have a client, a peer, an orderer, or an admin OU role to be valid, not a "
                            + "combination of them. OUs: " + ous + ", MSP: [" + name + "]"
                    : "the identity must be a client or a peer identity to be valid, not a combination of them. OUs: "
                            + ous + ", MSP: [" + name + "]");
        }
    }

    /** Fabric's {@code hasOURole}. */
    void hasOURole(X509Identity id, MSPRole.MSPRoleType role) throws MspException {
        if (!nodeOUs.enforced()) {
            throw new MspException("NodeOUs not activated. Cannot tell apart identities.");
        }
        if (role != MSPRole.MSPRoleType.CLIENT && role != MSPRole.MSPRoleType.PEER
                && role != MSPRole.MSPRoleType.ADMIN && role != MSPRole.MSPRoleType.ORDERER) {
            throw new MspException("Invalid MSPRoleType. It must be CLIENT, PEER, ADMIN or ORDERER");
        }
        OUIdentifier nodeOU = nodeOUs.forRole(role);
        if (nodeOU == null) {
            throw new MspException("cannot test for classification, node ou for type [" + role + "], not defined, msp: ["
                    + name + "]");
        }
        for (OUIdentifier ou : id.organizationalUnits()) {
            if (ou.organizationalUnitIdentifier().equals(nodeOU.organizationalUnitIdentifier())) {
                return;
            }
        }
        throw new MspException("The identity does not contain OU [" + role + "], MSP: [" + name + "]");
    }

    boolean isInAdmins(X509Identity id) {
        for (X509Identity a : admins) {
            if (a.cert.sameAs(id.cert)) {
                return true;
            }
        }
        return false;
    }

    void verify(X509Identity id, byte[] message, byte[] signature) throws MspException {
        byte[] digest = bccsp().hash(message, signatureHash());
        if (!(id.cert.key instanceof CertKey.Ec ec)) {
            throw new MspException("could not determine the validity of the signature: Unsupported 'VerifyKey' provided ["
                    + id.cert.key.goType() + "]");
        }
        boolean ok;
        try {
            ok = bccsp().verify(ec.key(), signature, digest);
        } catch (BccspException e) {
            throw new MspException("could not determine the validity of the signature: " + e.getMessage(), e);
        }
        if (!ok) {
            throw new MspException("The signature is invalid");
        }
    }

    @Override
    public void satisfiesPrincipal(Identity identity, MSPPrincipal principal) throws MspException {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(principal, "principal");
        PrincipalKey key = new PrincipalKey(identity.mspId() + ":" + identity.id(),
                principal.getPrincipalClassificationValue(), principal.getPrincipal());
        Outcome cached = identity instanceof X509Identity x && x.msp == this ? principalCache.get(key) : null;
        if (cached == null) {
            String error = null;
            try {
                principals.satisfies(identity, principal);
            } catch (MspException e) {
                error = e.getMessage();
            }
            cached = new Outcome(error);
            if (identity instanceof X509Identity x && x.msp == this) {
                principalCache.put(key, cached);
            }
        }
        if (cached.error() != null) {
            throw MspException.known(cached.error());
        }
    }

    @Override
    public MspSigningIdentity defaultSigningIdentity() throws MspException {
        if (signer == null) {
            throw new MspException("this MSP does not possess a valid default signing identity");
        }
        return signer;
    }

    @Override
    public List<ByteString> tlsRootCerts() {
        return tlsRootCerts;
    }

    @Override
    public List<ByteString> tlsIntermediateCerts() {
        return tlsIntermediateCerts;
    }

    @Override
    public void isWellFormed(SerializedIdentity identity) throws MspException {
        isWellFormed(identity, trust.bccsp);
    }

    /** Fabric's {@code IsWellFormed}, which does not depend on an MSP's trust. */
    static void isWellFormed(SerializedIdentity identity, Bccsp bccsp) throws MspException {
        Objects.requireNonNull(identity, "identity");
        byte[] idBytes = identity.getIdBytes().toByteArray();
        PemBlock block = Pem.decode(idBytes)
                .orElseThrow(() -> new MspException("PEM decoding resulted in an empty block"));
        if (block.rest().length > 0) {
            throw new MspException("identity " + identity.getIdBytes().toStringUtf8() + " for MSP "
                    + identity.getMspid() + " has trailing bytes");
        }
        if (!block.type().equals("CERTIFICATE") && !block.type().isEmpty()) {
            throw new MspException("pem type is " + block.type() + ", should be 'CERTIFICATE' or missing");
        }
        ParsedCert cert = ParsedCert.parse(block.bytes(), bccsp);
        if (!cert.isEcdsaSigned()) {
            return;
        }
        byte[] canonical;
        try {
            canonical = EcdsaSignature.fromDer(cert.signature).toDer();
        } catch (BccspException e) {
            throw new MspException(e.getMessage());
        }
        if (!java.util.Arrays.equals(canonical, cert.signature)) {
            throw new MspException("identity " + identity.getIdBytes().toStringUtf8() + " for MSP "
                    + identity.getMspid() + " has a non canonical signature");
        }
    }

    /** The checks Fabric runs once everything is set up (admins must be valid clients or admins). */
    void postSetup() throws MspException {
        if (version == MspVersion.V1_0 || !nodeOUs.enforced()) {
            for (int i = 0; i < admins.size(); i++) {
                try {
                    admins.get(i).validate();
                } catch (MspException e) {
                    throw MspException.wrap("admin " + i + " is invalid", e);
                }
            }
            return;
        }
        if (version == MspVersion.V1_4_3) {
            for (int i = 0; i < admins.size(); i++) {
                X509Identity a = admins.get(i);
                String e1 = null;
                String e2 = null;
                try {
                    hasOURole(a, MSPRole.MSPRoleType.CLIENT);
                } catch (MspException e) {
                    e1 = e.getMessage();
                }
                try {
                    hasOURole(a, MSPRole.MSPRoleType.ADMIN);
                } catch (MspException e) {
                    e2 = e.getMessage();
                }
                if (e1 != null && e2 != null) {
                    throw new MspException("admin " + i + " is invalid [" + e1 + "," + e2 + "]");
                }
            }
            return;
        }
        MSPPrincipal client = Principals.role(name, MSPRole.MSPRoleType.CLIENT);
        for (int i = 0; i < admins.size(); i++) {
            try {
                admins.get(i).satisfiesPrincipal(client);
            } catch (MspException e) {
                throw MspException.wrap("admin " + i + " is invalid", e);
            }
        }
    }

    @Override
    public String toString() {
        return "Msp[" + name + ", " + version + "]";
    }
}
