package io.weft.runtime.it;

import java.io.File;
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

/** The test key-value chaincode as a Java chaincode source folder the distribution's Java builder builds. */
final class KvChaincodeJar {

    private KvChaincodeJar() {
    }

    /**
     * Writes {@code folder} holding one thin jar: {@code KvChaincode} as Main-Class, the shim and its dependencies on
     * its Class-Path (this JVM's jars, not Weft's own bundles).
     */
    static Path write(Path folder) throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar") && (!e.contains("/io/weft/") || e.endsWith("-tests.jar")))
                .map(e -> Path.of(e).toUri().toString()).collect(Collectors.joining(" "));
        Path source = Files.createDirectories(folder);
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, KvChaincode.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try (OutputStream os = Files.newOutputStream(source.resolve("kv-chaincode.jar"));
                JarOutputStream jar = new JarOutputStream(os, m)) {
            String name = KvChaincode.class.getName().replace('.', '/') + ".class";
            jar.putNextEntry(new JarEntry(name));
            try (InputStream in = KvChaincode.class.getClassLoader().getResourceAsStream(name)) {
                in.transferTo(jar);
            }
            jar.closeEntry();
        }
        return source;
    }
}
