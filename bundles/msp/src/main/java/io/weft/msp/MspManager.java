package io.weft.msp;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The MSPs of a channel, by identifier (Fabric's {@code MSPManager}). Deserializing dispatches on the
 * identity's MSP id.
 */
@ProviderType
public interface MspManager extends IdentityDeserializer {

    /** The MSPs by identifier. */
    Map<String, Msp> msps();

    /** The MSP with this identifier. */
    Optional<Msp> msp(String mspId);
}
