package io.weft.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Fabric-made test vectors: {@code -Dweft.vectors=DIR}, else {@code ../../../shared/fabric-vectors} from the
 * module folder (run.sh runs from there), as the modules' tests find them.
 */
final class Vectors {

    private Vectors() {
    }

    static Path root() {
        String configured = System.getProperty("weft.vectors");
        Path p = Path.of(configured != null ? configured : "../../../shared/fabric-vectors").toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("Fabric test vectors not found at " + p + " (set -Dweft.vectors=DIR)");
        }
        return p;
    }
}
