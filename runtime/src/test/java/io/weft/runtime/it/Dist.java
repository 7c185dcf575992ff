package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** The distribution the build assembled (runtime/target/weft), which integration tests run. */
final class Dist {

    static final Path HOME = Path.of(System.getProperty("weft.dist", "target/weft")).toAbsolutePath().normalize();

    private Dist() {
    }

    static Path peer() {
        return bin("peer");
    }

    /** {@code bin/<name>} of the distribution. */
    static Path bin(String name) {
        Path command = HOME.resolve("bin").resolve(name);
        assertThat(command).as("the assembled distribution (run mvn package first)").isExecutable();
        return command;
    }

    /** A private copy of the shipped config folder (core.yaml, sample MSP, TLS material). */
    static Path copyConfig(Path into) {
        copyTree(HOME.resolve("config"), into);
        return into;
    }

    static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
