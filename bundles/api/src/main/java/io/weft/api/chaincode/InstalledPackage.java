package io.weft.api.chaincode;

import java.util.Objects;

/**
 * A chaincode package installed on the peer.
 *
 * @param packageId Fabric's package ID, {@code <label>:<hex SHA-256 of the package>}
 * @param label the label in the package's {@code metadata.json}
 */
public record InstalledPackage(String packageId, String label) {

    public InstalledPackage {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(label, "label");
    }
}
