package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** Fabric's own artifacts in ../shared/fabric-vectors (crypto material made by cryptogen). */
final class Vectors {

    static final Path HOME = Path.of(System.getProperty("weft.vectors", "../../shared/fabric-vectors")).toAbsolutePath().normalize();

    private Vectors() {
    }

    static Path org1() {
        Path org = HOME.resolve("crypto-config/peerOrganizations/org1.example.com");
        assertThat(org).as("Fabric test vectors").isDirectory();
        return org;
    }

    static Path org1PeerMsp() {
        return org1().resolve("peers/peer0.org1.example.com/msp");
    }

    static Path org1UserMsp(String user) {
        return org1().resolve("users/" + user + "@org1.example.com/msp");
    }
}
