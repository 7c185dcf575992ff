package io.weft.tools.cryptogen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.SortedSet;
import java.util.stream.Stream;

/** The Fabric-made test vectors beside the checkout (as in bundles/msp); tests fail, never skip, without them. */
final class FabricVectors {

    private FabricVectors() {
    }

    static Path root() {
        Path p = Path.of("../../../shared/fabric-vectors").toAbsolutePath().normalize();
        assertThat(p).as("Fabric test vectors (../shared/fabric-vectors beside the checkout)").isDirectory();
        return p;
    }

    static Path cryptoConfig() {
        Path p = root().resolve("crypto-config");
        assertThat(p).isDirectory();
        return p;
    }

    static Path cryptoConfigYaml() {
        return root().resolve("crypto-config.yaml");
    }

    /** The relative paths of all regular files under {@code dir}. */
    static SortedSet<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        }
    }
}
