package io.weft.scc.lscc;

import java.util.regex.Pattern;

import io.weft.lifecycle.LegacyLifecycle;
import io.weft.lifecycle.legacy.LegacyPackageException;

/**
 * The names and versions lscc accepts (Fabric's {@code ChaincodeNameRegExp} and {@code ChaincodeVersionRegExp}, which
 * {@code _lifecycle} shares). Matched against the whole text: Go's {@code $} does not match before a final newline.
 */
final class ChaincodeNames {

    private static final Pattern NAME = LegacyLifecycle.NAME_PATTERN;
    private static final Pattern VERSION = LegacyLifecycle.VERSION_PATTERN;

    private ChaincodeNames() {
    }

    /** @throws LegacyPackageException Fabric's {@code InvalidChaincodeNameErr} */
    static void checkName(String name) throws LegacyPackageException {
        if (!NAME.matcher(name).matches()) {
            throw new LegacyPackageException("invalid chaincode name '" + name + "'. Names must start with an "
                    + "alphanumeric character and can only consist of alphanumerics, '_', and '-'");
        }
    }

    /** @throws LegacyPackageException Fabric's {@code InvalidVersionErr} */
    static void checkVersion(String version) throws LegacyPackageException {
        if (!VERSION.matcher(version).matches()) {
            throw new LegacyPackageException("invalid chaincode version '" + version + "'. Versions must not be "
                    + "empty and can only consist of alphanumerics, '_',  '-', '+', and '.'");
        }
    }
}
