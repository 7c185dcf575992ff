package io.weft.api.identity;

import com.google.protobuf.ByteString;

import org.osgi.annotation.versioning.ProviderType;

/** An identity that can sign: the peer's own, from its local MSP. Thread-safe. */
@ProviderType
public interface SigningIdentity {

    /** The MSP the identity belongs to. */
    String mspId();

    /** The marshalled {@code msp.SerializedIdentity} (MSP id and PEM certificate). */
    ByteString serialize();

    /** Signs {@code message} (hash-then-sign as the MSP's BCCSP does; ECDSA signatures are low-S). */
    byte[] sign(byte[] message);
}
