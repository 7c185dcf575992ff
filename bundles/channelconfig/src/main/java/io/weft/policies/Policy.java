package io.weft.policies;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import io.weft.msp.Identity;
import io.weft.protoutil.SignedData;

/** A compiled policy of a channel (Fabric's {@code policies.Policy}). Immutable and thread-safe. */
@ProviderType
public interface Policy {

    /**
     * Checks signed data against the policy: identities are deserialized, de-duplicated and their
     * signatures verified first; invalid items are dropped, as Fabric does.
     *
     * @throws PolicyException naming why the policy is not satisfied
     */
    void evaluateSignedData(List<SignedData> signedData) throws PolicyException;

    /** Checks already verified identities against the policy. */
    void evaluateIdentities(List<Identity> identities) throws PolicyException;
}
