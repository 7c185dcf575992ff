package io.weft.runtime.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import io.weft.core.chaincode.KvChaincode;

/**
 * A chaincode source folder for the distribution's Java builder holding one thin jar: the core tests'
 * {@code KvChaincode} (a real fabric-chaincode-shim chaincode) as Main-Class, the shim and its dependencies on its
 * Class-Path — this JVM's jars, without Weft's own bundles and without the legacy SDK (whose bundled protos would
 * shadow the shim's).
 */
final class KvChaincodeJar {

    private KvChaincodeJar() {
    }

    /** Writes {@code dir/kv-chaincode.jar}; {@code dir}. */
    static Path write(Path dir) throws IOException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar") && (!e.contains("/io/weft/") || e.endsWith("-tests.jar"))
                        && !e.contains("/fabric-sdk-java/"))
                .map(e -> Path.of(e).toUri().toString()).collect(Collectors.joining(" "));
        Path source = Files.createDirectories(dir);
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, KvChaincode.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        String name = KvChaincode.class.getName().replace('.', '/') + ".class";
        try (OutputStream os = Files.newOutputStream(source.resolve("kv-chaincode.jar"));
                JarOutputStream jar = new JarOutputStream(os, m);
                InputStream in = KvChaincode.class.getClassLoader().getResourceAsStream(name)) {
            jar.putNextEntry(new JarEntry(name));
            in.transferTo(jar);
            jar.closeEntry();
        }
        return source;
    }
}
