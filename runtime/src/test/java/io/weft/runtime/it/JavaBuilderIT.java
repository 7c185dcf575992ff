package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's Java chaincode builder ({@code builders/java}) run as a peer runs an external builder: its
 * {@code bin/} programs with nothing in the environment but what the peer propagates.
 */
class JavaBuilderIT {

    static final Path BUILDER = Dist.HOME.resolve("builders/java");
    static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");

    @TempDir
    Path work;

    /** The peer's default propagation: PATH (here: only a JDK's bin and the shell's) and TMPDIR. */
    private Map<String, String> peerEnv(String... more) {
        HashMap<String, String> env = new HashMap<>();
        env.put("PATH", JAVA_BIN + ":/usr/bin:/bin");
        env.put("TMPDIR", work.toString());
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private PeerCli.Result verb(String verb, Map<String, String> env, Path... args) {
        return PeerCli.runWithOnly(BUILDER.resolve("bin").resolve(verb), env, work,
                Arrays.stream(args).map(Path::toString).toArray(String[]::new));
    }

    @Test
    void theDistributionShipsTheBuilder() {
        for (String verb : List.of("detect", "build", "release", "run")) {
            assertThat(BUILDER.resolve("bin").resolve(verb)).isExecutable();
        }
        assertThat(BUILDER.resolve("lib")).isDirectoryContaining("glob:**/java-builder-*.jar")
                .isDirectoryContaining("glob:**/picocli-*.jar").isDirectoryContaining("glob:**/gson-*.jar");
        assertThat(BUILDER.resolve("README.md")).content().contains("externalBuilders");
        // the builder is not on the peer's class path
        assertThat(Dist.HOME.resolve("lib")).isDirectoryNotContaining("glob:**/java-builder-*.jar");
    }

    @Test
    void aPrebuiltChaincodeGoesThroughDetectBuildReleaseAndRun() throws Exception {
        Path md = Files.createDirectories(work.resolve("md"));
        Path source = Files.createDirectories(work.resolve("source/src"));
        Files.writeString(md.resolve("metadata.json"), "{\"type\":\"JAVA\",\"path\":\"\",\"label\":\"cc_1\"}");
        assertThat(verb("detect", peerEnv(), source, md).exitCode()).isZero();
        // JAVA_HOME propagated and no java on the PATH
        assertThat(verb("detect", Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", System.getProperty("java.home")),
                source, md).exitCode()).isZero();
        Files.writeString(md.resolve("metadata.json"), "{\"type\":\"golang\",\"path\":\"x\",\"label\":\"cc_1\"}");
        assertThat(verb("detect", peerEnv(), source, md).exitCode()).isEqualTo(1);
        Files.writeString(md.resolve("metadata.json"), "{\"type\":\"java\",\"path\":\"\",\"label\":\"cc_1\"}");

        chaincodeJar(source.resolve("chaincode.jar"));
        Path indexes = Files.createDirectories(work.resolve("source/META-INF/statedb/couchdb/indexes"));
        Files.writeString(indexes.resolve("byOwner.json"), "{\"index\":{\"fields\":[\"owner\"]}}");
        Path bld = Files.createDirectories(work.resolve("bld"));
        PeerCli.Result build = verb("build", peerEnv(), work.resolve("source"), md, bld);
        assertThat(build.exitCode()).as("%s", build).isZero();
        assertThat(bld.resolve("lib/chaincode.jar")).isRegularFile();

        Path release = Files.createDirectories(work.resolve("release"));
        assertThat(verb("release", peerEnv(), bld, release).exitCode()).isZero();
        assertThat(release.resolve("statedb/couchdb/indexes/byOwner.json")).isRegularFile();

        Path runMd = Files.createDirectories(work.resolve("run"));
        Files.writeString(runMd.resolve("chaincode.json"), """
                {"chaincode_id":"cc_1:0a1b","peer_address":"127.0.0.1:7052","client_cert":"","client_key":"",
                 "root_cert":"","mspid":"SampleOrg"}""");
        Path report = work.resolve("report.txt");
        PeerCli.Result run = verb("run", peerEnv("REPORT", report.toString()), bld, runMd);
        assertThat(run.exitCode()).as("the chaincode's exit code: %s", run).isEqualTo(3);
        assertThat(run.out()).isEqualTo("chaincode says hello\n");
        assertThat(report).hasContent("cc_1:0a1b 127.0.0.1:7052 SampleOrg false --peerAddress 127.0.0.1:7052");
    }

    /** A one-class chaincode stand-in, compiled here: reports what the shim would read, exits 3. */
    private void chaincodeJar(Path jar) throws Exception {
        Path src = Files.createDirectories(work.resolve("cc-src"));
        Files.writeString(src.resolve("Cc.java"), """
                public class Cc {
                    public static void main(String[] args) throws Exception {
                        String seen = System.getenv("CORE_CHAINCODE_ID_NAME") + " "
                                + System.getenv("CORE_PEER_ADDRESS") + " " + System.getenv("CORE_PEER_LOCALMSPID") + " "
                                + System.getenv("CORE_PEER_TLS_ENABLED") + " " + String.join(" ", args);
                        java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv("REPORT")), seen);
                        System.out.println("chaincode says hello");
                        System.exit(3);
                    }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", src.toString(), src.resolve("Cc.java").toString())).isZero();
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Cc");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, m)) {
            out.putNextEntry(new JarEntry("Cc.class"));
            Files.copy(src.resolve("Cc.class"), out);
            out.closeEntry();
        }
    }
}
