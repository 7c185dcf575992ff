package io.weft.tools.javabuilder;

import static io.weft.tools.javabuilder.Packages.verb;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weft.tools.javabuilder.Packages.Result;

/** The four verbs on small packages, each run as the peer runs it: arguments in, exit code and files out. */
class JavaBuilderTest {

    static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIBclient\n-----END CERTIFICATE-----\n";
    static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIGHkey\n-----END PRIVATE KEY-----\n";
    static final String ROOT = "-----BEGIN CERTIFICATE-----\nMIIBroot\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;

    private String s(Path p) {
        return p.toString();
    }

    @Test
    void detectTakesJavaInAnyCaseAndNothingElse() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        assertThat(verb("detect", s(src), s(Packages.metadata(dir.resolve("a"), "JAVA"))).code()).isZero();
        assertThat(verb("detect", s(src), s(Packages.metadata(dir.resolve("b"), "java"))).code()).isZero();
        Result golang = verb("detect", s(src), s(Packages.metadata(dir.resolve("c"), "golang")));
        assertThat(golang.code()).isEqualTo(1);
        assertThat(golang.err()).isEmpty();
        assertThat(verb("detect", s(src), s(Packages.metadata(dir.resolve("d"), "NODE"))).code()).isEqualTo(1);

        Result missing = verb("detect", s(src), s(Files.createDirectories(dir.resolve("e"))));
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("weft java builder: cannot read ").contains("metadata.json");
        Files.writeString(dir.resolve("e/metadata.json"), "{\"type\":");
        assertThat(verb("detect", s(src), s(dir.resolve("e"))).err())
                .startsWith("weft java builder: malformed JSON in ");
    }

    @Test
    void buildCopiesPrebuiltJarsKeepsTheirMainClassAndReleasesTheIndexes() throws Exception {
        Path source = dir.resolve("source");
        Packages.jar(source.resolve("src/chaincode.jar"), EnvPrinter.class.getName(), null, EnvPrinter.class);
        Packages.jar(source.resolve("src/dependency.jar"), null, null, Packages.class);
        Files.createDirectories(source.resolve("src/gradle/wrapper"));
        Files.writeString(source.resolve("src/gradle/wrapper/not-the-chaincode.jar"), "x");
        Path indexes = Files.createDirectories(source.resolve("META-INF/statedb/couchdb/indexes"));
        Files.writeString(indexes.resolve("indexOwner.json"), "{\"index\":{\"fields\":[\"owner\"]}}");
        Path coll = Files.createDirectories(source.resolve("META-INF/statedb/couchdb/collections/c1/indexes"));
        Files.writeString(coll.resolve("i.json"), "{}");
        Path out = Files.createDirectories(dir.resolve("bld"));

        Result r = verb("build", s(source), s(Packages.metadata(dir.resolve("md"), "JAVA")), s(out));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("built Java chaincode kv_1.0");
        assertThat(out.resolve("lib")).isDirectoryContaining("glob:**/chaincode.jar")
                .isDirectoryContaining("glob:**/dependency.jar")
                .isDirectoryNotContaining("glob:**/not-the-chaincode.jar");
        assertThat(ChaincodeBuild.mainClass(out)).isEqualTo(EnvPrinter.class.getName());

        Path release = Files.createDirectories(dir.resolve("release"));
        assertThat(verb("release", s(out), s(release)).code()).isZero();
        assertThat(release.resolve("statedb/couchdb/indexes/indexOwner.json"))
                .hasContent("{\"index\":{\"fields\":[\"owner\"]}}");
        assertThat(release.resolve("statedb/couchdb/collections/c1/indexes/i.json")).exists();
    }

    @Test
    void aJarWithoutMainClassRunsTheContractRouterAndReleaseWithoutIndexesDoesNothing() throws Exception {
        Path source = dir.resolve("source");
        Packages.jar(source.resolve("contract.jar"), null, null, EnvPrinter.class); // at the top: a custom package
        Path out = Files.createDirectories(dir.resolve("bld"));
        assertThat(verb("build", s(source), s(Packages.metadata(dir.resolve("md"), "java")), s(out)).code()).isZero();
        assertThat(ChaincodeBuild.mainClass(out)).isEqualTo("org.hyperledger.fabric.contract.ContractRouter");

        Path release = Files.createDirectories(dir.resolve("release"));
        assertThat(verb("release", s(out), s(release)).code()).isZero();
        assertThat(release).isEmptyDirectory();
    }

    @Test
    void buildRefusesGradleEmptyPackagesTwoMainClassesAndMavenWithoutMvn() throws Exception {
        Path md = Packages.metadata(dir.resolve("md"), "JAVA");

        Path gradle = dir.resolve("gradle");
        Files.createDirectories(gradle.resolve("src"));
        Files.writeString(gradle.resolve("src/build.gradle"), "plugins { id 'java' }");
        Result g = verb("build", s(gradle), s(md), s(Files.createDirectories(dir.resolve("bld1"))));
        assertThat(g.code()).isEqualTo(1);
        assertThat(g.err())
                .startsWith("weft java builder: Gradle projects are not supported by the Weft Java builder yet");

        Files.createDirectories(dir.resolve("empty/src"));
        Result empty = verb("build", s(dir.resolve("empty")), s(md), s(Files.createDirectories(dir.resolve("bld2"))));
        assertThat(empty.code()).isEqualTo(1);
        assertThat(empty.err()).contains("no Java chaincode in ").contains("expected prebuilt .jar files, a pom.xml");

        Path two = dir.resolve("two");
        Packages.jar(two.resolve("a.jar"), "a.Main", null, EnvPrinter.class);
        Packages.jar(two.resolve("b.jar"), "b.Main", null, EnvPrinter.class);
        Result both = verb("build", s(two), s(md), s(Files.createDirectories(dir.resolve("bld3"))));
        assertThat(both.code()).isEqualTo(1);
        assertThat(both.err()).contains("several Main-Class entries [a.Main, b.Main]");

        Path maven = dir.resolve("maven");
        Files.createDirectories(maven.resolve("src"));
        Files.writeString(maven.resolve("src/pom.xml"), "<project/>");
        Result noMvn = verb(Map.of("PATH", s(dir.resolve("no-bin"))), "build", s(maven), s(md),
                s(Files.createDirectories(dir.resolve("bld4"))));
        assertThat(noMvn.code()).isEqualTo(1);
        assertThat(noMvn.err()).contains("cannot build the Maven project " + maven.resolve("src"))
                .contains("mvn is not on the PATH (" + dir.resolve("no-bin") + ")");
    }

    /** A built stand-in chaincode (EnvPrinter), as {@code build} leaves it. */
    private Path built() throws Exception {
        Path source = dir.resolve("source");
        Packages.jar(source.resolve("src/chaincode.jar"), EnvPrinter.class.getName(), null, EnvPrinter.class);
        Path out = Files.createDirectories(dir.resolve("bld"));
        Result r = verb("build", s(source), s(Packages.metadata(dir.resolve("md"), "JAVA")), s(out));
        assertThat(r.code()).as(r.err()).isZero();
        return out;
    }

    private Map<String, String> env(Path report, String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        env.put("HOME", "/home/propagated");
        env.put("REPORT", report.toString());
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void runStartsTheChaincodeWithTheShimEnvironmentAndReturnsItsExitCode() throws Exception {
        Path bld = built();
        Path meta = Packages.chaincodeJson(dir.resolve("run"), "kv_1.0:abcd", "peer0.org1:7052", "", "", "");
        Path report = dir.resolve("report.properties");

        Result r = verb(env(report, "EXIT_CODE", "7"), "run", s(bld), s(meta));
        assertThat(r.code()).as(r.err()).isEqualTo(7);
        Properties p = Packages.report(report);
        assertThat(p.getProperty("env.CORE_CHAINCODE_ID_NAME")).isEqualTo("kv_1.0:abcd");
        assertThat(p.getProperty("env.CORE_PEER_ADDRESS")).isEqualTo("peer0.org1:7052");
        assertThat(p.getProperty("env.CORE_PEER_LOCALMSPID")).isEqualTo("Org1MSP");
        assertThat(p.getProperty("env.CORE_PEER_TLS_ENABLED")).isEqualTo("false");
        assertThat(p.getProperty("env.HOME")).isEqualTo("/home/propagated");
        assertThat(p.getProperty("args")).isEqualTo("--peerAddress peer0.org1:7052");
        assertThat(p.stringPropertyNames()).noneMatch(k -> k.startsWith("env.CORE_TLS") || k.startsWith("file."));
        // the environment it was given, and what the shim reads
        assertThat(p.stringPropertyNames()).filteredOn(k -> k.startsWith("env.")).containsExactlyInAnyOrder(
                "env.PATH", "env.HOME", "env.REPORT", "env.EXIT_CODE", "env.CORE_CHAINCODE_ID_NAME",
                "env.CORE_PEER_ADDRESS", "env.CORE_PEER_LOCALMSPID", "env.CORE_PEER_TLS_ENABLED");

        Files.delete(report);
        assertThat(verb(env(report), "run", s(bld), s(meta)).code()).isZero();
    }

    @Test
    void runWritesTheTlsMaterialTheWayTheJavaShimReadsItAndRemovesIt() throws Exception {
        Path bld = built();
        Path meta = Packages.chaincodeJson(dir.resolve("run"), "kv_1.0:abcd", "localhost:7052", CERT, KEY, ROOT);
        Path report = dir.resolve("report.properties");

        Result r = verb(env(report), "run", s(bld), s(meta));
        assertThat(r.code()).as(r.err()).isZero();
        Properties p = Packages.report(report);
        assertThat(p.getProperty("env.CORE_PEER_TLS_ENABLED")).isEqualTo("true");
        Base64.Decoder b64 = Base64.getDecoder();
        assertThat(new String(b64.decode(p.getProperty("file.CORE_TLS_CLIENT_KEY_PATH")), StandardCharsets.UTF_8))
                .isEqualTo(KEY);
        assertThat(new String(b64.decode(p.getProperty("file.CORE_TLS_CLIENT_CERT_PATH")), StandardCharsets.UTF_8))
                .isEqualTo(CERT);
        assertThat(p.getProperty("file.CORE_TLS_CLIENT_KEY_FILE")).isEqualTo(KEY);
        assertThat(p.getProperty("file.CORE_TLS_CLIENT_CERT_FILE")).isEqualTo(CERT);
        assertThat(p.getProperty("file.CORE_PEER_TLS_ROOTCERT_FILE")).isEqualTo(ROOT);
        // the key lived in a private directory that is gone with the chaincode
        Path keyFile = Path.of(p.getProperty("env.CORE_TLS_CLIENT_KEY_FILE"));
        assertThat(keyFile.getParent()).doesNotExist();
        assertThat(meta).isDirectoryContaining("glob:**/chaincode.json");
        assertThat(Files.list(meta).count()).as("RUN_METADATA_DIR is left alone").isOne();
    }

    @Test
    void runRefusesAnUnbuiltDirectoryAndAChaincodeJsonWithoutId() throws Exception {
        Path meta = Packages.chaincodeJson(dir.resolve("run"), "", "localhost:7052", "", "", "");
        Result unbuilt = verb("run", s(Files.createDirectories(dir.resolve("nothing"))), s(meta));
        assertThat(unbuilt.code()).isEqualTo(1);
        assertThat(unbuilt.err()).contains("weft-java-chaincode.properties (was ").contains("built by this builder?)");

        Result noId = verb("run", s(built()), s(meta));
        assertThat(noId.code()).isEqualTo(1);
        assertThat(noId.err()).contains("chaincode.json lacks chaincode_id or peer_address");
    }

    @Test
    void sigtermToRunStopsTheChaincode() throws Exception {
        Path bld = built();
        Path meta = Packages.chaincodeJson(dir.resolve("run"), "kv_1.0:abcd", "localhost:7052", "", "", "");
        Path report = dir.resolve("report.properties");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JavaBuilder.class.getName(), "run", s(bld), s(meta))
                .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile());
        pb.environment().putAll(env(report, "MODE", "sleep"));
        Process run = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(report)) {
                assertThat(run.isAlive()).as("run (see %s)", dir.resolve("run.log")).isTrue();
                assertThat(System.nanoTime()).as("chaincode started within 30 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            long pid = Long.parseLong(Packages.report(report).getProperty("pid"));
            ProcessHandle chaincode = ProcessHandle.of(pid).orElseThrow();
            assertThat(chaincode.isAlive()).isTrue();

            run.destroy(); // SIGTERM, as the peer stops a chaincode
            assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).isEqualTo(143);
            assertThat(chaincode.onExit()).succeedsWithin(java.time.Duration.ofSeconds(5));
        } finally {
            run.destroyForcibly();
        }
    }
}
