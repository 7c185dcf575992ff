package io.weft.msp;

import java.util.Objects;

import com.google.protobuf.ByteString;

import io.weft.bccsp.internal.BoundedCache;

import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * An identity deserializer that remembers, per serialized identity, the outcome of deserializing
 * and of validating it, in bounded caches. MSPs are immutable and Fabric's validation does not
 * depend on the clock, so an outcome never changes; failures are cached too, so a flood of the same
 * bad identity costs one chain verification.
 */
public final class CachingIdentityDeserializer implements IdentityDeserializer {

    private final IdentityDeserializer delegate;
    private final BoundedCache<ByteString, Outcome> deserialized;
    private final BoundedCache<ByteString, Outcome> validated;

    private record Outcome(Identity identity, String error) {
    }

    /**
     * @param delegate the MSP or MSP manager to deserialize with
     * @param capacity the number of serialized identities remembered
     */
    public CachingIdentityDeserializer(IdentityDeserializer delegate, int capacity) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.deserialized = new BoundedCache<>(capacity);
        this.validated = new BoundedCache<>(capacity);
    }

    @Override
    public Identity deserializeIdentity(byte[] serializedIdentity) throws MspException {
        return deserializeIdentity(ByteString.copyFrom(Objects.requireNonNull(serializedIdentity, "serializedIdentity")));
    }

    @Override
    public Identity deserializeIdentity(ByteString serializedIdentity) throws MspException {
        Objects.requireNonNull(serializedIdentity, "serializedIdentity");
        Outcome o = deserialized.get(serializedIdentity);
        if (o == null) {
            try {
                o = new Outcome(delegate.deserializeIdentity(serializedIdentity.toByteArray()), null);
            } catch (MspException e) {
                o = new Outcome(null, e.getMessage());
            }
            deserialized.put(serializedIdentity, o);
        }
        return unwrap(o);
    }

    @Override
    public Identity deserializeValid(ByteString serializedIdentity) throws MspException {
        Objects.requireNonNull(serializedIdentity, "serializedIdentity");
        Outcome o = validated.get(serializedIdentity);
        if (o == null) {
            try {
                Identity id = deserializeIdentity(serializedIdentity);
                id.validate();
                o = new Outcome(id, null);
            } catch (MspException e) {
                o = new Outcome(null, e.getMessage());
            }
            validated.put(serializedIdentity, o);
        }
        return unwrap(o);
    }

    @Override
    public void isWellFormed(SerializedIdentity identity) throws MspException {
        delegate.isWellFormed(identity);
    }

    private static Identity unwrap(Outcome o) throws MspException {
        if (o.error() != null) {
            throw new MspException(o.error());
        }
        return o.identity();
    }
}
