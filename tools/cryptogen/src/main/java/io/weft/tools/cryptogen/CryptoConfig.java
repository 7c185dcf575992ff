package io.weft.tools.cryptogen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A cryptogen configuration ({@code crypto-config.yaml}): the orderer and the peer organizations. */
public record CryptoConfig(List<OrgSpec> ordererOrgs, List<OrgSpec> peerOrgs) {

    public CryptoConfig {
        ordererOrgs = ordererOrgs == null ? List.of() : List.copyOf(ordererOrgs);
        peerOrgs = peerOrgs == null ? List.of() : List.copyOf(peerOrgs);
    }

    /**
     * Parses YAML text as cryptogen does: unknown keys are ignored, wrongly typed values are errors.
     *
     * @throws CryptogenException {@code Error Unmarshalling YAML: ...}
     */
    public static CryptoConfig parse(String yaml) throws CryptogenException {
        return ConfigParser.parse(yaml);
    }

    /**
     * Reads and parses a configuration file.
     *
     * @throws CryptogenException {@code open FILE: no such file or directory}, or why it does not parse
     */
    public static CryptoConfig load(Path file) throws CryptogenException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CryptogenException("open " + file + ": no such file or directory", e);
        } catch (IOException e) {
            throw new CryptogenException("Error reading configuration: " + e.getMessage(), e);
        }
        return parse(text);
    }

    /** The configuration {@code showtemplate} prints and {@code generate} uses without {@code --config}. */
    public static CryptoConfig defaultConfig() {
        try {
            return parse(DefaultTemplate.TEXT);
        } catch (CryptogenException e) {
            throw new IllegalStateException("the built-in template does not parse", e);
        }
    }
}
