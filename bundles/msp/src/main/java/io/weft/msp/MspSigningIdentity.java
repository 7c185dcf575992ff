package io.weft.msp;

import io.weft.api.identity.SigningIdentity;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The signing identity of a local MSP: an {@link Identity} with its private key. {@link #sign}
 * hashes with the MSP's signature hash and returns a low-S DER ECDSA signature.
 */
@ProviderType
public interface MspSigningIdentity extends Identity, SigningIdentity {
}
