package io.weft.msp;

import java.security.PublicKey;

import io.weft.bccsp.EcPublicKey;

/** The public key of a certificate, as Go's {@code x509} package types it. */
sealed interface CertKey {

    /** An ECDSA key on a supported curve. */
    record Ec(EcPublicKey key) implements CertKey {
    }

    /** An RSA key (Fabric accepts RSA certificate authorities issuing ECDSA certificates). */
    record Rsa(PublicKey key) implements CertKey {
    }

    /** Any other key; {@code goType} is how Go prints its type. */
    record Other(String goType) implements CertKey {
    }

    default String goType() {
        if (this instanceof Ec) {
            return "*ecdsa.PublicKey";
        }
        if (this instanceof Rsa) {
            return "*rsa.PublicKey";
        }
        return ((Other) this).goType();
    }
}
