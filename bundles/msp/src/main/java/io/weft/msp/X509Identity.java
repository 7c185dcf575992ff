package io.weft.msp;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Pem;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** An identity of a {@link BccspMsp}: a sanitised certificate and its public key. */
class X509Identity implements Identity {

    final BccspMsp msp;
    final ParsedCert cert;
    private final String id;
    // the chain found while sanitising, reused by validation (same issuer, same checks)
    private final List<ParsedCert> knownChain;
    private volatile Outcome validation;
    private volatile List<OUIdentifier> ous;
    private volatile ByteString serialized;

    /** A memoised validation outcome: null error means valid. */
    private record Outcome(MspException error) {
    }

    X509Identity(BccspMsp msp, ParsedCert cert, String id, List<ParsedCert> knownChain) {
        this.msp = Objects.requireNonNull(msp, "msp");
        this.cert = Objects.requireNonNull(cert, "cert");
        this.id = Objects.requireNonNull(id, "id");
        this.knownChain = knownChain;
    }

    @Override
    public String mspId() {
        return msp.id();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public byte[] certificateDer() {
        return cert.raw.clone();
    }

    @Override
    public String subject() {
        return cert.subjectString();
    }

    @Override
    public BigInteger serialNumber() {
        return cert.serial;
    }

    @Override
    public Instant expiresAt() {
        return cert.notAfter;
    }

    @Override
    public List<OUIdentifier> organizationalUnits() {
        List<OUIdentifier> list = ous;
        if (list == null) {
            list = computeOus();
            ous = list;
        }
        return list;
    }

    private List<OUIdentifier> computeOus() {
        List<ParsedCert> chain;
        byte[] certifiers;
        try {
            chain = certificationChain();
            certifiers = msp.trust().chainIdentifier(chain.subList(1, chain.size()));
        } catch (MspException e) {
            // Fabric logs this and reports no OUs
            return List.of();
        }
        List<OUIdentifier> out = new ArrayList<>();
        for (String ou : cert.subjectOUs) {
            out.add(new OUIdentifier(ou, certifiers));
        }
        return List.copyOf(out);
    }

    /** Fabric's {@code getCertificationChainForBCCSPIdentity}. */
    List<ParsedCert> certificationChain() throws MspException {
        if (cert.isCA) {
            throw new MspException("An X509 certificate with Basic Constraint: Certificate Authority equals true "
                    + "cannot be used as an identity");
        }
        if (knownChain != null) {
            return msp.trust().checkParentIsLeaf(cert, knownChain, false);
        }
        return msp.trust().validationChain(cert, false);
    }

    @Override
    public ByteString serialize() {
        ByteString s = serialized;
        if (s == null) {
            s = SerializedIdentity.newBuilder()
                    .setMspid(msp.id())
                    .setIdBytes(ByteString.copyFrom(Pem.encode("CERTIFICATE", cert.raw)))
                    .build()
                    .toByteString();
            serialized = s;
        }
        return s;
    }

    @Override
    public void validate() throws MspException {
        msp.validate(this);
    }

    /** The validation outcome against {@code by}, computed once per identity. */
    void validateWith(BccspMsp by) throws MspException {
        if (by != msp) {
            by.validateUncached(this);
            return;
        }
        Outcome o = validation;
        if (o == null) {
            MspException err = null;
            try {
                by.validateUncached(this);
            } catch (MspException e) {
                err = e;
            }
            o = new Outcome(err);
            validation = o;
        }
        if (o.error() != null) {
            throw new MspException(o.error().getMessage(), o.error());
        }
    }

    @Override
    public void verify(byte[] message, byte[] signature) throws MspException {
        msp.verify(this, Objects.requireNonNull(message, "message"), Objects.requireNonNull(signature, "signature"));
    }

    @Override
    public void satisfiesPrincipal(MSPPrincipal principal) throws MspException {
        msp.satisfiesPrincipal(this, principal);
    }

    @Override
    public String toString() {
        return "Identity[" + msp.id() + ", " + cert.subjectString() + ", id=" + id + "]";
    }
}
