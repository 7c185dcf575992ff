package io.weft.tools.javabuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.google.gson.Gson;

/** Builds what the peer hands the builder: package directories, jars, {@code chaincode.json}; runs a verb. */
final class Packages {

    private Packages() {
    }

    /** {@code dir/metadata.json} as {@code peer lifecycle chaincode package} writes it. */
    static Path metadata(Path dir, String type) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> md = new LinkedHashMap<>();
        md.put("type", type);
        md.put("path", "");
        md.put("label", "kv_1.0");
        Files.writeString(dir.resolve("metadata.json"), new Gson().toJson(md));
        return dir;
    }

    /** {@code dir/chaincode.json} as the peer writes it before {@code run}. */
    static Path chaincodeJson(Path dir, String id, String address, String cert, String key, String root)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, String> c = new LinkedHashMap<>();
        c.put("chaincode_id", id);
        c.put("peer_address", address);
        c.put("client_cert", cert);
        c.put("client_key", key);
        c.put("root_cert", root);
        c.put("mspid", "Org1MSP");
        Files.writeString(dir.resolve("chaincode.json"), new Gson().toJson(c));
        return dir;
    }

    /**
     * A jar holding the class files of {@code classes} (top-level classes, from the test class path), with the
     * given {@code Main-Class} and {@code Class-Path} (either may be null).
     */
    static Path jar(Path file, String mainClass, String classPath, Class<?>... classes) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        if (classPath != null) {
            m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        Files.createDirectories(file.getParent());
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(os, m)) {
            for (Class<?> c : classes) {
                String name = c.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(name));
                try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return file;
    }

    static Properties report(Path file) throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    /** One verb run in this JVM: exit code and what it printed. */
    record Result(int code, String out, String err) {
    }

    static Result verb(Map<String, String> env, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = JavaBuilder.run(args, env, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static Result verb(String... args) {
        return verb(System.getenv(), args);
    }
}
