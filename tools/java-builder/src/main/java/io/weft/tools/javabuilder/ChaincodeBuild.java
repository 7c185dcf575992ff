package io.weft.tools.javabuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * {@code build}: turns the package's source into {@code BUILD_OUTPUT_DIR/lib/*.jar} plus a descriptor naming the
 * main class. The project is the package's top directory or its {@code src/} (where the peer CLI puts a Java
 * project), the first that holds one of, in this order: prebuilt jars (all copied), a {@code pom.xml} (built with
 * Maven from the PATH in a scratch copy) or a Gradle build (refused for now).
 */
final class ChaincodeBuild {

    /** In {@code BUILD_OUTPUT_DIR}: the main class {@code run} starts. */
    static final String DESCRIPTOR = "weft-java-chaincode.properties";
    static final String LIB = "lib";
    /** The Java shim's contract entry point, what Fabric's Java image runs when a jar names no Main-Class. */
    static final String CONTRACT_ROUTER = "org.hyperledger.fabric.contract.ContractRouter";
    /** Pinned so the build neither depends on the project's plugin set nor on looking up the latest version. */
    static final String COPY_DEPENDENCIES = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies";

    private static final String MAIN_CLASS = "main.class";

    private final Processes children;
    private final PrintStream out;

    ChaincodeBuild(Processes children, PrintStream out) {
        this.children = children;
        this.out = out;
    }

    void build(Path source, Path output) throws BuilderException {
        Path lib = output.resolve(LIB);
        try {
            Files.createDirectories(lib);
        } catch (IOException e) {
            throw new BuilderException("cannot create " + lib + ": " + e, e);
        }
        List<Path> chaincodeJars = null;
        for (Path root : List.of(source, source.resolve("src"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> prebuilt = jars(root);
            if (!prebuilt.isEmpty()) {
                chaincodeJars = copyAll(prebuilt, lib);
            } else if (Files.isRegularFile(root.resolve("pom.xml"))) {
                chaincodeJars = maven(root, lib);
            } else if (Files.isRegularFile(root.resolve("build.gradle"))
                    || Files.isRegularFile(root.resolve("build.gradle.kts"))) {
                throw new BuilderException("Gradle projects are not supported by the Weft Java builder yet (" + root
                        + "): package a prebuilt jar or a Maven project");
            }
            if (chaincodeJars != null) {
                break;
            }
        }
        if (chaincodeJars == null) {
            throw new BuilderException("no Java chaincode in " + source
                    + ": expected prebuilt .jar files, a pom.xml or a build.gradle at its top or under src/");
        }
        writeMainClass(output, mainClass(chaincodeJars));
        StateDbIndexes.keep(source, output);
    }

    /** The main class {@code build} wrote for {@code run}. */
    static String mainClass(Path build) throws BuilderException {
        Path file = build.resolve(DESCRIPTOR);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new BuilderException("cannot read " + file + " (was " + build + " built by this builder?): " + e,
                    e);
        }
        String main = p.getProperty(MAIN_CLASS, "").strip();
        if (main.isEmpty()) {
            throw new BuilderException(file + " names no " + MAIN_CLASS);
        }
        return main;
    }

    private static void writeMainClass(Path output, String main) throws BuilderException {
        Path file = output.resolve(DESCRIPTOR);
        Properties p = new Properties();
        p.setProperty(MAIN_CLASS, main);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "written by the Weft Java builder");
        } catch (IOException e) {
            throw new BuilderException("cannot write " + file + ": " + e, e);
        }
    }

    /** The Main-Class the chaincode's own jars name; the contract router when none does. */
    private static String mainClass(List<Path> chaincodeJars) throws BuilderException {
        TreeSet<String> mains = new TreeSet<>();
        for (Path jar : chaincodeJars) {
            try (JarFile j = new JarFile(jar.toFile())) {
                Manifest m = j.getManifest();
                String main = m == null ? null : m.getMainAttributes().getValue("Main-Class");
                if (main != null && !main.isBlank()) {
                    mains.add(main.strip());
                }
            } catch (IOException e) {
                throw new BuilderException("cannot read the jar " + jar + ": " + e, e);
            }
        }
        if (mains.size() > 1) {
            throw new BuilderException("the chaincode's jars name several Main-Class entries " + mains
                    + ": keep one, or none to run " + CONTRACT_ROUTER);
        }
        return mains.isEmpty() ? CONTRACT_ROUTER : mains.first();
    }

    private List<Path> maven(Path project, Path lib) throws BuilderException {
        String path = children.env().getOrDefault("PATH", "");
        Path mvn = children.onPath("mvn").orElseThrow(() -> new BuilderException("cannot build the Maven project "
                + project + ": mvn is not on the PATH (" + path + "); install Maven on the peer's PATH or package a"
                + " prebuilt jar"));
        Path work = null;
        try {
            work = Files.createTempDirectory("weft-java-build");
            Trees.copy(project, work);
            List<String> cmd = List.of(mvn.toString(), "-B", "-q", "-DskipTests", "package", COPY_DEPENDENCIES,
                    "-DincludeScope=runtime");
            out.println("building the Maven project " + project + ": " + String.join(" ", cmd));
            out.flush();
            int code = children.start(cmd, work, Map.of()).waitFor();
            if (code != 0) {
                throw new BuilderException("mvn package failed (exit " + code + ") for the Maven project " + project);
            }
            Path target = work.resolve("target");
            List<Path> own = jars(target).stream().filter(ChaincodeBuild::isArtifact).toList();
            if (own.isEmpty()) {
                throw new BuilderException("mvn package made no jar in target/ of the Maven project " + project);
            }
            List<Path> copied = copyAll(own, lib);
            copyAll(jars(target.resolve("dependency")), lib);
            return copied;
        } catch (IOException e) {
            throw new BuilderException("cannot build the Maven project " + project + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuilderException("interrupted while building the Maven project " + project, e);
        } finally {
            try {
                Trees.delete(work);
            } catch (IOException e) {
                out.println("could not remove the scratch directory " + work + ": " + e);
            }
        }
    }

    /** The jar the project builds, not its attached sources, docs, tests or the shade plugin's original. */
    private static boolean isArtifact(Path jar) {
        String name = jar.getFileName().toString();
        return !name.startsWith("original-") && !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar")
                && !name.endsWith("-tests.jar");
    }

    /** The {@code .jar} files directly in {@code dir}, by name; none if it is not a directory. */
    private static List<Path> jars(Path dir) throws BuilderException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new BuilderException("cannot list " + dir + ": " + e, e);
        }
    }

    private static List<Path> copyAll(List<Path> jars, Path lib) throws BuilderException {
        List<Path> copied = new ArrayList<>();
        for (Path jar : jars) {
            Path to = lib.resolve(jar.getFileName().toString());
            try {
                Files.copy(jar, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new BuilderException("cannot copy " + jar + " to " + lib + ": " + e, e);
            }
            copied.add(to);
        }
        return copied;
    }
}
