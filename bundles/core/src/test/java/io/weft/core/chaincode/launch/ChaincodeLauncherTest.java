package io.weft.core.chaincode.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

/** The external-builder protocol against real builder programs (shell scripts) and real processes. */
class ChaincodeLauncherTest {

    @TempDir
    Path dir;
    Path log;
    final Map<String, CompletableFuture<Void>> registered = new ConcurrentHashMap<>();
    ChaincodeLauncher launcher;

    final ChaincodeLauncher.Registrations registrations = new ChaincodeLauncher.Registrations() {
        @Override
        public boolean isRegistered(String packageId) {
            CompletableFuture<Void> f = registered.get(packageId);
            return f != null && f.isDone();
        }

        @Override
        public CompletableFuture<Void> registered(String packageId) {
            return registered.computeIfAbsent(packageId, k -> new CompletableFuture<>());
        }
    };

    @BeforeEach
    void setUp() {
        log = dir.resolve("calls.log");
    }

    @AfterEach
    void tearDown() {
        if (launcher != null) {
            launcher.close();
        }
    }

    /** A builder whose programs log their calls; {@code run} runs {@code runBody}. */
    ExternalBuilder builder(String name, String detectType, String runBody) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(name).resolve("bin"));
        script(bin.resolve("detect"), "echo detect >> " + log + "\ngrep -q '\"type\":\"" + detectType + "\"' \"$2/metadata.json\"");
        script(bin.resolve("build"), "echo build >> " + log + "\ncp -r \"$1\"/. \"$3\"/\n[ -f \"$1/fail\" ] && exit 1\nexit 0");
        script(bin.resolve("release"), "echo release >> " + log + "\nexit 0");
        script(bin.resolve("run"), "echo run >> " + log + "\ncp \"$2/chaincode.json\" " + dir.resolve("chaincode.json")
                + "\n" + runBody);
        return new ExternalBuilder(name, dir.resolve(name), List.of());
    }

    static void script(Path p, String body) throws IOException {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    ChaincodeLauncher.Packages packages(String type, String... files) {
        return id -> id.startsWith("missing") ? null
                : new ChaincodeLauncher.Contents(("{\"type\":\"" + type + "\",\"label\":\"x\"}").getBytes(StandardCharsets.UTF_8),
                        src -> {
                            for (String f : files) {
                                Files.writeString(src.resolve(f), f);
                            }
                        });
    }

    ChaincodeLauncher launcher(List<ExternalBuilder> builders, ChaincodeLauncher.Packages packages, long timeout) {
        launcher = new ChaincodeLauncher(new Builds(dir.resolve("builds"), builders), packages, registrations,
                new ChaincodeLauncher.Connection("127.0.0.1:7052", "Org1MSP"), timeout);
        return launcher;
    }

    List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void theFirstDetectingBuilderBuildsOnceAndRunsWithChaincodeJsonUntilTheChaincodeRegisters() throws Exception {
        ExternalBuilder golang = builder("golang", "golang", "exit 0");
        ExternalBuilder java = builder("java", "java", "sleep 30");
        ChaincodeLauncher l = launcher(List.of(golang, java), packages("java", "Main.java"), 20_000);

        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> {
            try {
                l.launch("cc:abc");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        while (!Files.exists(dir.resolve("chaincode.json"))) {
            Thread.sleep(20);
        }
        registrations.registered("cc:abc").complete(null);
        launched.get();

        assertThat(calls()).containsExactly("detect", "detect", "build", "release", "run");
        var json = JsonParser.parseString(Files.readString(dir.resolve("chaincode.json"))).getAsJsonObject();
        assertThat(json.get("chaincode_id").getAsString()).isEqualTo("cc:abc");
        assertThat(json.get("peer_address").getAsString()).isEqualTo("127.0.0.1:7052");
        assertThat(json.get("mspid").getAsString()).isEqualTo("Org1MSP");
        Path kept = dir.resolve("builds").resolve("cc-abc");
        assertThat(Files.readString(kept.resolve("build-info.json"))).isEqualTo("{\"builder_name\":\"java\"}");
        assertThat(kept.resolve("bld").resolve("Main.java")).exists();

        // a registered chaincode is not launched again; a kept build is not built again
        l.launch("cc:abc");
        assertThat(calls()).hasSize(5);
        assertThat(l.build("cc:abc").builder().name()).isEqualTo("java");
        assertThat(calls()).hasSize(5);
    }

    @Test
    void aChaincodeThatExitsBeforeRegisteringFailsTheLaunchAndTheNextTransactionTriesAgain() throws Exception {
        ChaincodeLauncher l = launcher(List.of(builder("java", "java", "exit 3")), packages("java", "a"), 20_000);
        assertThatThrownBy(() -> l.launch("cc:1")).isInstanceOf(LaunchException.class)
                .hasMessage("chaincode registration failed: container exited with 3");
        assertThatThrownBy(() -> l.launch("cc:1")).hasMessage("chaincode registration failed: container exited with 3");
        assertThat(calls()).containsExactly("detect", "build", "release", "run", "run");
    }

    @Test
    void aChaincodeThatNeverRegistersTimesOutAndIsStopped() throws Exception {
        ChaincodeLauncher l = launcher(List.of(builder("java", "java", "echo $$ > " + dir.resolve("pid") + "\nexec sleep 60")),
                packages("java", "a"), 1_500);
        assertThatThrownBy(() -> l.launch("cc:2")).hasMessage("timeout expired while starting chaincode cc:2 for transaction");
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).trim());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void buildFailuresAndUndetectedPackagesAreFabricErrors() throws Exception {
        ChaincodeLauncher l = launcher(List.of(builder("java", "java", "exit 0")), packages("java", "fail"), 20_000);
        assertThatThrownBy(() -> l.launch("cc:3")).hasMessage("error building chaincode: external builder failed to "
                + "build: external builder 'java' failed: exit status 1");
        assertThat(dir.resolve("builds").resolve("cc-3")).doesNotExist();

        ChaincodeLauncher node = launcher(List.of(builder("java2", "java", "exit 0")), packages("node", "a"), 20_000);
        assertThatThrownBy(() -> node.launch("cc:4")).hasMessage("error building chaincode: chaincode 'cc:4' could not "
                + "be built: no external builder in chaincode.externalBuilders detected it");
        assertThatThrownBy(() -> node.launch("missing:1"))
                .hasMessage("error building chaincode: chaincode install package 'missing:1' not found");
    }

    @Test
    void aKeptBuildOfABuilderThatIsGoneIsAnError() throws Exception {
        Path kept = Files.createDirectories(dir.resolve("builds").resolve("cc-5"));
        Files.writeString(kept.resolve("build-info.json"), "{\"builder_name\":\"removed\"}");
        ChaincodeLauncher l = launcher(List.of(builder("java", "java", "exit 0")), packages("java", "a"), 20_000);
        assertThatThrownBy(() -> l.build("cc:5")).hasMessage("error building chaincode: chaincode 'cc:5' was already "
                + "built with builder 'removed', but that builder is no longer available");
    }

    @Test
    void buildersSeeOnlyThePropagatedEnvironment() {
        ExternalBuilder b = new ExternalBuilder("b", dir, List.of("HOME"));
        assertThat(b.environment().keySet()).isSubsetOf("LD_LIBRARY_PATH", "LIBPATH", "PATH", "TMPDIR", "HOME")
                .contains("PATH");
    }
}
