package io.weft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The artifacts made by Fabric's own tools in {@code ../shared/fabric-vectors} beside the checkout
 * (or where {@code weft.vectors} points). Tests fail, never skip, when they are missing.
 */
public final class FabricVectors {

    private FabricVectors() {
    }

    public static Path root() {
        String configured = System.getProperty("weft.vectors");
        Path p = (configured != null ? Path.of(configured) : find()).toAbsolutePath().normalize();
        return require(p, Files.isDirectory(p), "Fabric test vectors (../shared/fabric-vectors beside the checkout)");
    }

    /** A file of the vectors, e.g. {@code mychannel.block}. */
    public static Path file(String name) {
        Path p = root().resolve(name);
        return require(p, Files.isRegularFile(p), "a file of the Fabric test vectors");
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path cryptoConfig() {
        Path p = root().resolve("crypto-config");
        return require(p, Files.isDirectory(p), "the vectors' crypto material");
    }

    public static Path cryptoConfigYaml() {
        return file("crypto-config.yaml");
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

    /** The relative paths of all regular files under {@code dir}, sorted. */
    public static SortedSet<String> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path require(Path p, boolean present, String what) {
        if (!present) {
            throw new AssertionError(what + " not found at " + p);
        }
        return p;
    }

    // modules sit one or two folders below the checkout, which sits beside shared/
    private static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared/fabric-vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return dir.resolve("../../../shared/fabric-vectors");
    }
}
