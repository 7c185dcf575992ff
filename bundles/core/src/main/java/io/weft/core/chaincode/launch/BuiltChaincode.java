package io.weft.core.chaincode.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A package an external builder built and released, kept under the peer's file system path.
 *
 * @param packageId the package (Fabric's chaincode ID)
 * @param builder the builder that built it, which also runs it
 * @param bldDir the build output
 * @param releaseDir the release output
 */
public record BuiltChaincode(String packageId, ExternalBuilder builder, Path bldDir, Path releaseDir) {

    /** The chaincode server the release names ({@code chaincode/server/connection.json}): a chaincode as a service. */
    public Optional<Path> connectionJson() {
        Path json = releaseDir.resolve("chaincode").resolve("server").resolve("connection.json");
        return Files.isRegularFile(json) ? Optional.of(json) : Optional.empty();
    }
}
