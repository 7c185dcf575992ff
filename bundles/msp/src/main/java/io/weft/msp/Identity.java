package io.weft.msp;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An X.509 identity deserialized by an MSP (Fabric's {@code msp.Identity}). Thread-safe; the results
 * of validation and of computing the organizational units are kept.
 */
@ProviderType
public interface Identity {

    /** The MSP the identity claims (and was deserialized by). */
    String mspId();

    /** Fabric's identity identifier: hex hash of the sanitised certificate (SHA-256 by default). */
    String id();

    /** The sanitised certificate (DER): the original with its ECDSA signature in low-S form. */
    byte[] certificateDer();

    /** The certificate subject, rendered as Go does ({@code CN=...,OU=...,C=US}). */
    String subject();

    /** The certificate serial number. */
    BigInteger serialNumber();

    /** The certificate's {@code NotAfter}. The MSP itself never rejects an expired identity. */
    Instant expiresAt();

    /** The OUs of the certificate subject with the identifier of the chain that certified them. */
    List<OUIdentifier> organizationalUnits();

    /** The marshalled {@code msp.SerializedIdentity}: MSP id and PEM of the sanitised certificate. */
    ByteString serialize();

    /**
     * Validates the identity against its MSP (chain, revocation, OUs, NodeOU classification).
     *
     * @throws MspException naming the reason
     */
    void validate() throws MspException;

    /**
     * Verifies {@code signature} over {@code message} (hashed with the MSP's signature hash).
     *
     * @throws MspException {@code The signature is invalid}, or why it could not be checked
     */
    void verify(byte[] message, byte[] signature) throws MspException;

    /**
     * Checks the identity against a principal.
     *
     * @throws MspException naming why the identity does not satisfy it
     */
    void satisfiesPrincipal(MSPPrincipal principal) throws MspException;
}
