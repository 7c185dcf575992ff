package io.weft.msp;

import java.util.Objects;

import io.weft.bccsp.Bccsp;

/**
 * The local MSP and the crypto provider made for it (whose key store holds the signing key). The
 * provider serves the channel MSPs too.
 *
 * @param msp the local MSP
 * @param bccsp its software crypto provider
 */
public record LocalMsp(Msp msp, Bccsp bccsp) {

    public LocalMsp {
        Objects.requireNonNull(msp, "msp");
        Objects.requireNonNull(bccsp, "bccsp");
    }

    /** The peer's signing identity. */
    public MspSigningIdentity signingIdentity() throws MspException {
        return msp.defaultSigningIdentity();
    }
}
