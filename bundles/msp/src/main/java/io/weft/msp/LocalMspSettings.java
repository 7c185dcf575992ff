package io.weft.msp;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import io.weft.bccsp.BccspException;
import io.weft.bccsp.HashFamily;
import io.weft.bccsp.SwOptions;

/**
 * What {@code core.yaml} says about the local MSP: {@code peer.mspConfigPath}, {@code peer.localMspId},
 * {@code peer.localMspType} and {@code peer.BCCSP.SW}.
 *
 * @param mspConfigPath the MSP folder
 * @param mspId the local MSP identifier
 * @param mspType {@code bccsp} (the only type supported)
 * @param bccsp the software provider options; a null key store means {@code <mspConfigPath>/keystore}
 */
public record LocalMspSettings(Path mspConfigPath, String mspId, String mspType, SwOptions bccsp) {

    public LocalMspSettings {
        Objects.requireNonNull(mspConfigPath, "mspConfigPath");
        Objects.requireNonNull(mspId, "mspId");
        mspType = mspType == null || mspType.isEmpty() ? "bccsp" : mspType;
        bccsp = bccsp == null ? SwOptions.defaults() : bccsp;
    }

    /** Settings with Fabric's defaults: type {@code bccsp}, SHA2, 256, key store in the folder. */
    public static LocalMspSettings of(Path mspConfigPath, String mspId) {
        return new LocalMspSettings(mspConfigPath, mspId, "bccsp", SwOptions.defaults());
    }

    /** The key store folder: the configured one, else {@code keystore} in the MSP folder. */
    public Path keyStore() {
        return bccsp.keyStoreDirectory().orElse(mspConfigPath.resolve("keystore"));
    }

    /**
     * Reads the properties of the core's MSP configuration ({@code io.weft.core.msp}): {@code mspConfigPath},
     * {@code localMspId}, {@code localMspType}, {@code bccsp.sw.hash}, {@code bccsp.sw.security},
     * {@code bccsp.sw.keystore}.
     *
     * @throws IllegalArgumentException naming the property that is missing or malformed
     */
    public static LocalMspSettings fromProperties(Map<String, ?> props) {
        Objects.requireNonNull(props, "props");
        Object dir = props.get("mspConfigPath");
        if (dir == null || dir.toString().isEmpty()) {
            throw new IllegalArgumentException("mspConfigPath must be set");
        }
        Object id = props.get("localMspId");
        Object type = props.get("localMspType");
        HashFamily family;
        try {
            family = HashFamily.parse(String.valueOf(props.get("bccsp.sw.hash") == null ? "SHA2" : props.get("bccsp.sw.hash")));
        } catch (BccspException e) {
            throw new IllegalArgumentException("bccsp.sw.hash: " + e.getMessage(), e);
        }
        Object sec = props.get("bccsp.sw.security") == null ? Long.valueOf(256) : props.get("bccsp.sw.security");
        int security;
        try {
            security = sec instanceof Number n ? n.intValue() : Integer.parseInt(sec.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bccsp.sw.security: not a number: " + sec, e);
        }
        Object ks = props.get("bccsp.sw.keystore");
        Path keyStore = ks == null || ks.toString().isEmpty() ? null : Path.of(ks.toString());
        return new LocalMspSettings(Path.of(dir.toString()), id == null ? "" : id.toString(),
                type == null ? null : type.toString(), new SwOptions(family, security, keyStore));
    }
}
