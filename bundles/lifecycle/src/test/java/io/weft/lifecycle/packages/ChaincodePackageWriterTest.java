package io.weft.lifecycle.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages built as {@code peer lifecycle chaincode package} builds them, for each chaincode type. */
class ChaincodePackageWriterTest {

    private static final String INDEX = "{\"index\":{\"fields\":[\"owner\"]},\"ddoc\":\"d\",\"name\":\"n\",\"type\":\"json\"}";

    @TempDir
    Path dir;

    @Test
    void javaSourcesGoUnderSrcWithoutBuildOutput() throws Exception {
        Path cc = dir.resolve("cc");
        files(cc, "build.gradle", "src/main/java/Cc.java", "src/main/java/Cc.class", "build/libs/cc.jar", "target/x.txt",
                "sub/out/y.txt", ".git/config", "META-INF/statedb/couchdb/indexes/.hidden");
        write(cc, "META-INF/statedb/couchdb/indexes/owner.json", INDEX);

        byte[] bytes = ChaincodePackageWriter.build(cc, "cc/", "java", "cc_1.0");

        ChaincodePackage pkg = ChaincodePackage.parse(bytes);
        assertThat(pkg.type()).isEqualTo("java");
        assertThat(pkg.path()).as("as given").isEqualTo("cc/");
        assertThat(pkg.label()).isEqualTo("cc_1.0");
        assertThat(names(pkg.codePackage())).containsExactly(
                "META-INF/statedb/couchdb/indexes/owner.json", "src/build.gradle", "src/src/main/java/Cc.java");
        assertThat(entries(bytes)).containsExactly("metadata.json", "code.tar.gz");
        assertThat(content(bytes, "metadata.json")).asString()
                .isEqualTo("{\"path\":\"cc/\",\"type\":\"java\",\"label\":\"cc_1.0\"}");
        assertThat(pkg.dbArtifacts()).containsOnlyKeys("META-INF/statedb/couchdb/indexes/owner.json");
    }

    @Test
    void entriesCarryFabricsFixedHeaders() throws Exception {
        Path cc = dir.resolve("cc");
        files(cc, "index.js", "package.json");

        byte[] bytes = ChaincodePackageWriter.build(cc, "node", "cc_1.0");

        for (TarArchiveEntry e : headers(bytes)) {
            assertThat(e.getMode()).isEqualTo(0100644);
            assertThat(e.getLongUserId()).isZero();
            assertThat(e.getUserName()).isEmpty();
            assertThat(e.getModTime().getTime()).isZero();
        }
        for (TarArchiveEntry e : headers(ChaincodePackage.parse(bytes).codePackage())) {
            assertThat(e.getMode()).isEqualTo(0100644);
            assertThat(e.getLongUserId()).isEqualTo(500);
            assertThat(e.getLongGroupId()).isEqualTo(500);
            assertThat(e.getUserName()).isEmpty();
            assertThat(e.getModTime().getTime()).isZero();
        }
        assertThat(ChaincodePackageWriter.build(cc, "node", "cc_1.0")).as("reproducible").isEqualTo(bytes);
    }

    @Test
    void nodeSkipsNodeModules() throws Exception {
        Path cc = dir.resolve("cc");
        files(cc, "package.json", "lib/a.js", "node_modules/dep/index.js");

        byte[] bytes = ChaincodePackageWriter.build(cc, "NODE", "cc_1.0");

        ChaincodePackage pkg = ChaincodePackage.parse(bytes);
        assertThat(pkg.type()).as("the type as given").isEqualTo("NODE");
        assertThat(names(pkg.codePackage())).containsExactly("src/lib/a.js", "src/package.json");
    }

    @Test
    void golangPackagesTheWholeModuleWithTheImportPath() throws Exception {
        Path module = dir.resolve("mod");
        write(module, "go.mod", "module example.com/basic // the module\n\ngo 1.22\n");
        files(module, "go.sum", "util/util.go", "vendor/github.com/dep/dep.go", ".git/HEAD", ".gitignore",
                "chaincode/main.go", "chaincode/main_test.go");
        write(module, "chaincode/META-INF/statedb/couchdb/indexes/owner.json", INDEX);

        byte[] bytes = ChaincodePackageWriter.build(module.resolve("chaincode"), "./mod/chaincode", "golang", "basic_1.0");

        ChaincodePackage pkg = ChaincodePackage.parse(bytes);
        assertThat(pkg.path()).isEqualTo("example.com/basic/chaincode");
        assertThat(pkg.type()).isEqualTo("golang");
        List<TarArchiveEntry> code = headers(pkg.codePackage());
        assertThat(code.stream().map(TarArchiveEntry::getName)).containsExactly(
                "META-INF/", "META-INF/statedb/", "META-INF/statedb/couchdb/", "META-INF/statedb/couchdb/indexes/",
                "src/", "src/chaincode/", "src/util/", "src/vendor/", "src/vendor/github.com/",
                "src/vendor/github.com/dep/",
                "META-INF/statedb/couchdb/indexes/owner.json", "src/.gitignore", "src/chaincode/main.go",
                "src/chaincode/main_test.go", "src/go.mod", "src/go.sum", "src/util/util.go",
                "src/vendor/github.com/dep/dep.go");
        assertThat(code.get(0).isDirectory()).isTrue();
        assertThat(code.get(0).getMode()).isEqualTo(040755);
        assertThat(code.get(0).getLongUserId()).isEqualTo(500);
    }

    @Test
    void golangAtTheModuleRootUsesTheModulePath() throws Exception {
        Path module = dir.resolve("mod");
        write(module, "go.mod", "module \"example.com/cc\"\n");
        files(module, "main.go");

        assertThat(ChaincodePackage.parse(ChaincodePackageWriter.build(module, "golang", "cc")).path())
                .isEqualTo("example.com/cc");
    }

    @Test
    void golangOutsideAModuleNeedsTheGoTool() throws Exception {
        Path cc = dir.resolve("cc");
        files(cc, "main.go");

        assertThatThrownBy(() -> ChaincodePackageWriter.build(cc, "github.com/x/cc", "golang", "cc"))
                .hasMessage("error getting chaincode bytes: 'go list' failed with: go: go.mod file not found in "
                        + "current directory or any parent directory; see 'go help modules': exit status 1");
    }

    @Test
    void golangFolderWithoutGoFilesFailsAsGoList() throws Exception {
        Path module = dir.resolve("mod");
        write(module, "go.mod", "module example.com/cc\n");
        files(module, "README.md");

        assertThatThrownBy(() -> ChaincodePackageWriter.build(module, "golang", "cc"))
                .hasMessage("failed to normalize chaincode path: 'go list' failed with: no Go files in "
                        + module.toAbsolutePath().normalize() + ": exit status 1");
    }

    @Test
    void ccaasPackagesTheFolderAsItIs() throws Exception {
        Path cc = dir.resolve("ccaas");
        write(cc, "connection.json", "{\"address\":\"cc:9999\",\"dial_timeout\":\"10s\",\"tls_required\":false}");
        write(cc, "META-INF/statedb/couchdb/indexes/owner.json", INDEX);

        ChaincodePackage pkg = ChaincodePackage.parse(ChaincodePackageWriter.build(cc, "ccaas", "basic_1.0"));

        assertThat(pkg.type()).isEqualTo("ccaas");
        assertThat(names(pkg.codePackage()))
                .containsExactly("META-INF/statedb/couchdb/indexes/owner.json", "connection.json");
        assertThat(ChaincodePackage.parse(ChaincodePackageWriter.build(cc, "external", "ext")).type())
                .isEqualTo("external");
    }

    @Test
    void unknownTypeIsFabricsError() {
        assertThatThrownBy(() -> ChaincodePackageWriter.build(dir, "rust", "cc"))
                .hasMessage("failed to normalize chaincode path: unknown chaincodeType: RUST");
    }

    @Test
    void invalidLabelIsRefused() {
        assertThatThrownBy(() -> ChaincodePackageWriter.build(dir, "java", "bad label"))
                .hasMessageStartingWith("invalid label 'bad label'.");
    }

    @Test
    void emptyFolderHasNoSourceFiles() throws Exception {
        Path cc = Files.createDirectory(dir.resolve("empty"));

        assertThatThrownBy(() -> ChaincodePackageWriter.build(cc, "empty/", "java", "cc"))
                .hasMessage("error getting chaincode bytes: failed to create chaincode package: "
                        + "no source files found in 'empty'");
        assertThatThrownBy(() -> ChaincodePackageWriter.build(cc, "empty", "node", "cc"))
                .hasMessage("error getting chaincode bytes: Error writing Chaincode package contents: "
                        + "no source files found in 'empty'");
    }

    @Test
    void missingFolderIsAnLstatError() {
        assertThatThrownBy(() -> ChaincodePackageWriter.build(dir.resolve("nope"), "./nope/", "java", "cc"))
                .hasMessage("error getting chaincode bytes: failed to create chaincode package: "
                        + "lstat nope: no such file or directory");
    }

    @Test
    void badMetadataFileFailsThePackage() throws Exception {
        Path cc = dir.resolve("cc");
        files(cc, "index.js");
        write(cc, "META-INF/statedb/couchdb/indexes/bad.json", "{\"ddoc\":\"d\"}");

        assertThatThrownBy(() -> ChaincodePackageWriter.build(cc, "cc", "node", "cc"))
                .hasMessage("error getting chaincode bytes: Error writing Chaincode package contents: Index metadata "
                        + "file [META-INF/statedb/couchdb/indexes/bad.json] is not a valid index definition: "
                        + "Index definition must include a \"fields\" definition");
    }

    @Test
    void metadataPathIsEscapedAsGoDoes() throws Exception {
        Path cc = dir.resolve("cc");
        files(cc, "a.js");

        byte[] bytes = ChaincodePackageWriter.build(cc, "<cc>&\"", "node", "cc");

        assertThat(content(bytes, "metadata.json")).asString()
                .isEqualTo("{\"path\":\"\\u003ccc\\u003e\\u0026\\\"\",\"type\":\"node\",\"label\":\"cc\"}");
        assertThat(ChaincodePackage.parse(bytes).path()).isEqualTo("<cc>&\"");
    }

    // ---- helpers

    /** Files whose content does not matter: each holds its own name. */
    private static void files(Path root, String... names) throws IOException {
        for (String name : names) {
            write(root, name, name);
        }
    }

    private static void write(Path root, String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static List<TarArchiveEntry> headers(byte[] tarGz) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tarGz)))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e);
            }
        }
        return entries;
    }

    private static List<String> entries(byte[] tarGz) throws IOException {
        return headers(tarGz).stream().map(TarArchiveEntry::getName).toList();
    }

    private static List<String> names(byte[] tarGz) throws IOException {
        return headers(tarGz).stream().filter(e -> !e.isDirectory()).map(TarArchiveEntry::getName).toList();
    }

    private static byte[] content(byte[] tarGz, String name) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tarGz)))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError(name + " not in the archive");
    }
}
