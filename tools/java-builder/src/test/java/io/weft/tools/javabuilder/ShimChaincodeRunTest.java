package io.weft.tools.javabuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.core.chaincode.ChaincodeSupport;
import io.weft.core.chaincode.ChaincodeTls;
import io.weft.core.chaincode.launch.ChaincodeLauncher;
import io.weft.core.chaincode.KvChaincode;
import io.weft.core.chaincode.LoopbackChaincodeSupport;
import io.weft.tools.javabuilder.Packages.Result;

/**
 * End to end without a peer process: the core's test chaincode on the real Java shim (fabric-chaincode-shim 2.5.8)
 * goes through detect, build and run, and the chaincode the builder starts registers with Weft's real chaincode
 * support on a loopback port under the package ID from {@code chaincode.json}, answers a transaction, and goes
 * away when {@code run} is stopped.
 */
class ShimChaincodeRunTest {

    static final String CCID = "kvcc:1.0";
    static final ChaincodeTls PLAINTEXT = new ChaincodeTls(Optional.empty());

    @TempDir
    Path dir;

    @Test
    void aPrebuiltJarOfTheKvChaincodeRunsAndRegisters() throws Exception {
        buildAndRun(prebuiltJar(), System.getenv(), PLAINTEXT);
    }

    @Test
    void overTlsTheShimRegistersWithTheClientCertificateThePeerIssuedIt() throws Exception {
        // as the peer with peer.tls.enabled: its chaincode CA serves 127.0.0.1 and issues chaincode.json's material
        buildAndRun(prebuiltJar(), System.getenv(), new ChaincodeTls(Optional.of("127.0.0.1")));
    }

    /** A thin launcher jar: the chaincode class, Main-Class, and the shim with its dependencies on Class-Path. */
    private Path prebuiltJar() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toUri().toString()).collect(Collectors.joining(" "));
        Path source = dir.resolve("source");
        Packages.jar(source.resolve("src/kv-chaincode.jar"), KvChaincode.class.getName(), classPath,
                KvChaincode.class);
        return source;
    }

    @Test
    void aMavenProjectOfTheKvChaincodeBuildsWithMvnAndRuns() throws Exception {
        Map<String, String> env = System.getenv();
        assumeTrue(new Processes(env, null, null).onPath("mvn").isPresent(), "mvn is not on the PATH");
        Path kvSource = Path.of(System.getProperty("weft.test.kvchaincode", "KvChaincode.java"));
        assumeTrue(Files.isRegularFile(kvSource), "the core's KvChaincode.java is not at " + kvSource);

        // laid out as `peer lifecycle chaincode package --lang java` does: the project under src/
        Path project = dir.resolve("source/src");
        Path pkg = Files.createDirectories(project.resolve("src/main/java/io/weft/core/chaincode"));
        Files.copy(kvSource, pkg.resolve("KvChaincode.java"));
        Files.writeString(project.resolve("pom.xml"), pom());
        // offline, on this build's local repository: the shim and the plugins are there, in the versions Weft's
        // build manages (so the project imports Weft's dependency management)
        Files.createDirectories(project.resolve(".mvn"));
        Files.writeString(project.resolve(".mvn/maven.config"),
                "-o\n-Dmaven.repo.local=" + System.getProperty("weft.test.m2") + "\n");

        Path out = buildAndRun(dir.resolve("source"), env, PLAINTEXT);
        assertThat(out.resolve("lib")).isDirectoryContaining("glob:**/kv-chaincode-1.0.jar")
                .isDirectoryContaining("glob:**/fabric-chaincode-shim-2.5.8.jar")
                .isDirectoryContaining("glob:**/fabric-protos-*.jar")
                .isDirectoryNotContaining("glob:**/junit*.jar");
    }

    private static String pom() {
        String plugins = Map.of("maven-resources-plugin", "3.3.1", "maven-compiler-plugin", "3.14.0",
                "maven-surefire-plugin", "3.5.3").entrySet().stream()
                .map(e -> "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>" + e.getKey()
                        + "</artifactId><version>" + e.getValue() + "</version></plugin>")
                .collect(Collectors.joining("\n"));
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>test.weft</groupId><artifactId>kv-chaincode</artifactId><version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencyManagement><dependencies><dependency>
                    <groupId>io.weft</groupId><artifactId>weft-parent</artifactId><version>%s</version>
                    <type>pom</type><scope>import</scope>
                  </dependency></dependencies></dependencyManagement>
                  <dependencies>
                    <dependency>
                      <groupId>org.hyperledger.fabric-chaincode-java</groupId>
                      <artifactId>fabric-chaincode-shim</artifactId><version>2.5.8</version>
                      <scope>compile</scope><!-- Weft manages it as test scope -->
                    </dependency>
                    <dependency><!-- KvChaincode uses a proto class; the shim has it at runtime scope -->
                      <groupId>org.hyperledger.fabric</groupId><artifactId>fabric-protos</artifactId>
                    </dependency>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter-api</artifactId>
                      <version>5.11.4</version><scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build><plugins>
                """ + plugins + """
                    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId>
                      <version>3.4.2</version>
                      <configuration><archive><manifest>
                        <mainClass>io.weft.core.chaincode.KvChaincode</mainClass>
                      </manifest></archive></configuration>
                    </plugin>
                  </plugins></build>
                </project>
                """;
        return pom.formatted(System.getProperty("weft.test.version"));
    }

    /** detect, build and release as the peer runs them, then {@link #run}. */
    private Path buildAndRun(Path source, Map<String, String> env, ChaincodeTls tls) throws Exception {
        Path md = Packages.metadata(dir.resolve("md"), "JAVA");
        assertThat(Packages.verb(env, "detect", source.toString(), md.toString()).code()).isZero();
        Path out = Files.createDirectories(dir.resolve("bld"));
        Result build = Packages.verb(env, "build", source.toString(), md.toString(), out.toString());
        assertThat(build.code()).as(build.out() + build.err()).isZero();
        assertThat(ChaincodeBuild.mainClass(out)).isEqualTo(KvChaincode.class.getName());
        assertThat(Packages.verb(env, "release", out.toString(),
                Files.createDirectories(dir.resolve("release")).toString()).code()).isZero();

        try (LoopbackChaincodeSupport peer = new LoopbackChaincodeSupport(new ChaincodeSupport(30_000, 0), tls)) {
            run(out, peer, env, tls);
        }
        return out;
    }

    /** Runs until the chaincode has registered with {@code peer} and answered a call; then stop it. */
    private void run(Path out, LoopbackChaincodeSupport peer, Map<String, String> env, ChaincodeTls tls)
            throws Exception {
        ChaincodeSupport support = peer.support();
        Optional<ChaincodeLauncher.Credentials> issued = tls.credentials().issue(CCID);
        Path meta = Packages.chaincodeJson(dir.resolve("run"), CCID, peer.address(),
                issued.map(ChaincodeLauncher.Credentials::clientCert).orElse(""),
                issued.map(ChaincodeLauncher.Credentials::clientKey).orElse(""),
                issued.map(ChaincodeLauncher.Credentials::rootCert).orElse(""));
        CompletableFuture<Result> run = new CompletableFuture<>();
        Thread runner = new Thread(() -> run.complete(Packages.verb(env, "run", out.toString(), meta.toString())),
                "builder-run");
        runner.start();
        try {
            eventually(() -> support.isRunning("kvcc") || run.isDone(), 60);
            assertThat(run).as("run ended before the chaincode registered").isNotDone();
            assertThat(support.registry().chaincodeIds()).containsExactly(CCID);

            ChaincodeMessage m = support.execute("ch1", "tx1", "kvcc",
                    ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("nope")).build(), null);
            Response r = ChaincodeSupport.response(m, "tx1");
            assertThat(r.getStatus()).isEqualTo(500);
            assertThat(r.getMessage()).isEqualTo("Unknown function nope");
        } finally {
            runner.interrupt(); // in process, the interrupt stands in for SIGTERM: run stops the chaincode
            runner.join(TimeUnit.SECONDS.toMillis(15));
        }
        assertThat(run).isDone();
        eventually(() -> support.registry().chaincodeIds().isEmpty(), 10);
    }

    private static void eventually(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within %d s", seconds).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
