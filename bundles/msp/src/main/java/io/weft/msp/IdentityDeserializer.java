package io.weft.msp;

import java.util.Objects;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.osgi.annotation.versioning.ProviderType;

/** Turns a marshalled {@code msp.SerializedIdentity} into an {@link Identity} (Fabric's {@code IdentityDeserializer}). */
@ProviderType
public interface IdentityDeserializer {

    /**
     * Deserializes an identity. The result is not yet validated: call {@link Identity#validate()}
     * or use {@link #deserializeValid}.
     *
     * @throws MspException when the bytes, the PEM, the certificate or its chain are unusable
     */
    Identity deserializeIdentity(byte[] serializedIdentity) throws MspException;

    /** {@link #deserializeIdentity(byte[])} of a {@code ByteString}. */
    default Identity deserializeIdentity(ByteString serializedIdentity) throws MspException {
        return deserializeIdentity(Objects.requireNonNull(serializedIdentity, "serializedIdentity").toByteArray());
    }

    /** Deserializes and validates an identity. */
    default Identity deserializeValid(ByteString serializedIdentity) throws MspException {
        Identity id = deserializeIdentity(serializedIdentity);
        id.validate();
        return id;
    }

    /**
     * Fabric's {@code IsWellFormed}: one PEM block of type {@code CERTIFICATE} (or none given),
     * nothing after it, a parsable certificate whose ECDSA signature is canonically encoded.
     */
    void isWellFormed(SerializedIdentity identity) throws MspException;
}
