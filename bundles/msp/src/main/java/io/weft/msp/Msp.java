package io.weft.msp;

import java.util.List;
import java.util.Objects;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.osgi.annotation.versioning.ProviderType;

/** One X.509 membership service provider (Fabric's {@code bccspmsp}). Immutable and thread-safe. */
@ProviderType
public interface Msp extends IdentityDeserializer {

    /** The MSP identifier, e.g. {@code Org1MSP}. */
    String id();

    /** The behaviour level the MSP was set up with. */
    MspVersion version();

    /**
     * Deserializes an identity of this MSP.
     *
     * @throws MspException {@code expected MSP ID X, received Y} for another MSP's identity, or why the
     *     certificate is unusable
     */
    @Override
    Identity deserializeIdentity(byte[] serializedIdentity) throws MspException;

    /** Validates an identity against this MSP. */
    void validate(Identity identity) throws MspException;

    /** Checks an identity against a principal (ROLE, ORGANIZATION_UNIT, IDENTITY, ANONYMITY, COMBINED). */
    void satisfiesPrincipal(Identity identity, MSPPrincipal principal) throws MspException;

    /** Checks that an identity has a role ({@code MEMBER}, {@code ADMIN}, {@code CLIENT}, ...) in this MSP. */
    default void satisfiesRole(Identity identity, MSPRole.MSPRoleType role) throws MspException {
        satisfiesPrincipal(Objects.requireNonNull(identity, "identity"), Principals.role(id(), role));
    }

    /**
     * The signing identity of a local MSP.
     *
     * @throws MspException {@code this MSP does not possess a valid default signing identity}
     */
    MspSigningIdentity defaultSigningIdentity() throws MspException;

    /** PEM of the TLS root CA certificates. */
    List<ByteString> tlsRootCerts();

    /** PEM of the TLS intermediate CA certificates. */
    List<ByteString> tlsIntermediateCerts();
}
