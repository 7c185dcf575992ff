package io.weft.bccsp;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Fabric's {@code BCCSP.SW} options.
 *
 * @param hashFamily {@code BCCSP.SW.Hash}
 * @param securityLevel {@code BCCSP.SW.Security}, 256 or 384
 * @param keyStore {@code BCCSP.SW.FileKeyStore.KeyStore}; null for a provider without a key store
 */
public record SwOptions(HashFamily hashFamily, int securityLevel, Path keyStore) {

    public SwOptions {
        Objects.requireNonNull(hashFamily, "hashFamily");
    }

    /** Fabric's defaults: SHA2, 256, no key store. */
    public static SwOptions defaults() {
        return new SwOptions(HashFamily.SHA2, 256, null);
    }

    /** These options with {@code keyStore} as the key store directory. */
    public SwOptions withKeyStore(Path keyStore) {
        return new SwOptions(hashFamily, securityLevel, Objects.requireNonNull(keyStore, "keyStore"));
    }

    /** The key store directory, if any. */
    public Optional<Path> keyStoreDirectory() {
        return Optional.ofNullable(keyStore);
    }
}
