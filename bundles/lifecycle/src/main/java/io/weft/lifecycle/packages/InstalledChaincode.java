package io.weft.lifecycle.packages;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A package in the store, as Fabric's {@code chaincode.InstalledChaincode} lists it: its ID and label.
 *
 * @param packageId {@code <label>:<hex SHA-256 of the package>}
 * @param label the package label
 */
public record InstalledChaincode(String packageId, String label) {

    public InstalledChaincode {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(label, "label");
        if (!packageId.startsWith(label + ":")) {
            throw new IllegalArgumentException("package ID " + packageId + " does not start with its label " + label);
        }
    }

    /** The SHA-256 of the package file. */
    public byte[] hash() {
        return HexFormat.of().parseHex(packageId.substring(label.length() + 1));
    }
}
