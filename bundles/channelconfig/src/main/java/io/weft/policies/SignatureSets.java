package io.weft.policies;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.weft.msp.Identity;
import io.weft.msp.IdentityDeserializer;
import io.weft.msp.MspException;
import io.weft.protoutil.SignedData;

/** Fabric's {@code SignatureSetToValidIdentities}: the identities of a signature set whose signatures verify. */
public final class SignatureSets {

    private SignatureSets() {
    }

    /**
     * Deserializes each item's identity, skips identities already accepted (by MSP id and identity id) and
     * those whose signature does not verify. An identity whose first signature is bad may still be accepted
     * from a later item, as in Fabric (the duplicate check only remembers verified identities).
     */
    public static List<Identity> validIdentities(List<SignedData> signedData, IdentityDeserializer deserializer) {
        List<Identity> identities = new ArrayList<>(signedData.size());
        Set<String> seen = new HashSet<>();
        for (SignedData sd : signedData) {
            Identity identity;
            try {
                identity = deserializer.deserializeIdentity(sd.identity());
            } catch (MspException e) {
                continue;
            }
            String key = identity.mspId() + identity.id();
            if (seen.contains(key)) {
                continue;
            }
            try {
                identity.verify(sd.data().toByteArray(), sd.signature().toByteArray());
            } catch (MspException e) {
                continue;
            }
            seen.add(key);
            identities.add(identity);
        }
        return identities;
    }
}
