package io.weft.msp;

import java.util.List;
import java.util.Objects;

import io.weft.bccsp.BccspException;
import io.weft.bccsp.EcPrivateKey;

/** The signing identity of a local MSP. */
final class X509SigningIdentity extends X509Identity implements MspSigningIdentity {

    private final EcPrivateKey key;

    X509SigningIdentity(BccspMsp msp, ParsedCert cert, String id, List<ParsedCert> knownChain, EcPrivateKey key) {
        super(msp, cert, id, knownChain);
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        try {
            byte[] digest = msp.bccsp().hash(message, msp.signatureHash());
            return msp.bccsp().sign(key, digest);
        } catch (BccspException | MspException e) {
            throw new IllegalStateException("signing with the identity of " + msp.id() + " failed: " + e.getMessage(), e);
        }
    }
}
