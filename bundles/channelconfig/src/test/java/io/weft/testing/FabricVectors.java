package io.weft.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** The Fabric-made test vectors beside the checkout; tests fail (never skip) when they are missing. */
public final class FabricVectors {

    private FabricVectors() {
    }

    public static Path root() {
        Path p = Path.of("../../../shared/fabric-vectors").toAbsolutePath().normalize();
        assertThat(p).as("Fabric test vectors (../shared/fabric-vectors beside the checkout)").isDirectory();
        return p;
    }

    public static Path cryptoConfig() {
        Path p = root().resolve("crypto-config");
        assertThat(p).isDirectory();
        return p;
    }

    public static Path org1() {
        return cryptoConfig().resolve("peerOrganizations/org1.example.com");
    }

    public static Path org2() {
        return cryptoConfig().resolve("peerOrganizations/org2.example.com");
    }

    public static Path ordererOrg() {
        return cryptoConfig().resolve("ordererOrganizations/example.com");
    }
}
