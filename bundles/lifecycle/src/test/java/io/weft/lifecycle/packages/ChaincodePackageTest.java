package io.weft.lifecycle.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing as Fabric's {@code persistence.ParseChaincodePackage}, with Fabric's messages for each malformed package. */
class ChaincodePackageTest {

    private static final byte[] CODE = "code".getBytes(StandardCharsets.UTF_8);

    @Test
    void aWellFormedPackage() throws Exception {
        byte[] bytes = pkg("{\"type\":\"Fake-Type\",\"path\":\"Fake-Path\",\"label\":\"Real-Label\"}"
                .getBytes(StandardCharsets.UTF_8), "package".getBytes(StandardCharsets.UTF_8));

        ChaincodePackage pkg = ChaincodePackage.parse(bytes);

        assertThat(pkg.type()).isEqualTo("Fake-Type");
        assertThat(pkg.path()).isEqualTo("Fake-Path");
        assertThat(pkg.label()).isEqualTo("Real-Label");
        assertThat(pkg.codePackage()).asString().isEqualTo("package");
        assertThat(pkg.packageId()).isEqualTo("Real-Label:" + sha256(bytes));
        assertThat(pkg.bytes()).isEqualTo(bytes);
    }

    @Test
    void aPackageWithAnExtraFileIsAccepted() throws Exception {
        byte[] bytes = tarGz(out -> {
            entry(out, "metadata.json", TarArchiveEntry.LF_NORMAL, metadata("cc_1.0"));
            entry(out, "code.tar.gz", TarArchiveEntry.LF_NORMAL, CODE);
            entry(out, "extra-file", TarArchiveEntry.LF_NORMAL, CODE);
        });
        assertThat(ChaincodePackage.parse(bytes).label()).isEqualTo("cc_1.0");
    }

    @Test
    void brokenPackagesFailWithFabricsMessage() throws Exception {
        String badLabel = "invalid label '%s'. Label must be non-empty, can only consist of alphanumerics, symbols from "
                + "'.+-_', and can only begin with alphanumerics";
        assertThatThrownBy(() -> ChaincodePackage.parse(pkg("{\"label\":\"a\nb\"}".getBytes(StandardCharsets.UTF_8),
                CODE))).hasMessage("could not unmarshal metadata.json as json: invalid character '\\n' in string literal");
        assertThatThrownBy(() -> ChaincodePackage.parse(tarGz(out -> entry(out, "code.tar.gz",
                TarArchiveEntry.LF_NORMAL, CODE)))).hasMessage("did not find any package metadata (missing metadata.json)");
        assertThatThrownBy(() -> ChaincodePackage.parse(tarGz(out -> entry(out, "metadata.json",
                TarArchiveEntry.LF_NORMAL, metadata("cc")))))
                .hasMessage("did not find a code package inside the package");
        assertThatThrownBy(() -> ChaincodePackage.parse(pkg(metadata(""), CODE))).hasMessage(badLabel.formatted(""));
        assertThatThrownBy(() -> ChaincodePackage.parse(pkg(metadata("Bad-Label!"), CODE)))
                .hasMessage(badLabel.formatted("Bad-Label!"));
        assertThatThrownBy(() -> ChaincodePackage.parse(tarGz(out -> entry(out, "code.tar.gz",
                TarArchiveEntry.LF_SYMLINK, new byte[0])))).hasMessage("tar entry code.tar.gz is not a regular file, type 50");
    }

    @Test
    void theCodeIsExtractedForBuildersAndMayNotLeaveItsDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        byte[] code = tarGz(out -> {
            entry(out, "src/", TarArchiveEntry.LF_DIR, new byte[0]);
            entry(out, "src/Main.java", TarArchiveEntry.LF_NORMAL, CODE);
            entry(out, "META-INF/statedb/couchdb/indexes/i.json", TarArchiveEntry.LF_NORMAL, CODE);
        });
        ChaincodePackage.parse(pkg(metadata("cc"), code)).extractCode(dir);
        assertThat(dir.resolve("src/Main.java")).hasContent("code");
        assertThat(dir.resolve("META-INF/statedb/couchdb/indexes/i.json")).exists();

        byte[] escaping = tarGz(out -> entry(out, "../evil", TarArchiveEntry.LF_NORMAL, CODE));
        assertThatThrownBy(() -> ChaincodePackage.parse(pkg(metadata("cc"), escaping)).extractCode(dir.resolve("x")))
                .hasMessage("could not untar source package: illegal file path in tar: ../evil");
        assertThat(dir.resolveSibling("evil")).doesNotExist();
    }

    @Test
    void emptyInputIsEof() {
        assertThatThrownBy(() -> ChaincodePackage.parse(new byte[0])).hasMessage("error reading as gzip stream: EOF");
    }

    @Test
    void notGzipIsAnInvalidHeader() {
        assertThatThrownBy(() -> ChaincodePackage.parse("this is not a gzip stream".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("error reading as gzip stream: gzip: invalid header");
    }

    @Test
    void gzipOfSomethingElseIsAnInvalidTarHeader() throws Exception {
        byte[] text = gzip(("not a tar archive, but long enough to fill a header block ".repeat(20))
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ChaincodePackage.parse(text))
                .hasMessage("error inspecting next tar header: archive/tar: invalid tar header");
    }

    @Test
    void truncatedGzipIsAnUnexpectedEof() throws Exception {
        byte[] good = pkg(metadata("cc_1.0"), CODE);
        byte[] cut = Arrays.copyOf(good, good.length / 2);

        assertThatThrownBy(() -> ChaincodePackage.parse(cut)).hasMessageEndingWith("unexpected EOF");
    }

    @Test
    void streamEndingInsideABlockIsAnUnexpectedEof() throws Exception {
        byte[] tar = ungzip(pkg(metadata("cc_1.0"), CODE));

        // a header cut short, and a package whose end-of-archive block is cut short: Go reads whole blocks
        assertThatThrownBy(() -> ChaincodePackage.parse(gzip(Arrays.copyOf(tar, 100))))
                .hasMessage("error inspecting next tar header: unexpected EOF");
        assertThatThrownBy(() -> ChaincodePackage.parse(gzip(Arrays.copyOf(tar, 2048 + 100))))
                .hasMessage("error inspecting next tar header: unexpected EOF");
        assertThat(ChaincodePackage.parse(gzip(Arrays.copyOf(tar, 2048))).label())
                .as("no end-of-archive blocks at all is fine").isEqualTo("cc_1.0");
    }

    @Test
    void emptyArchiveHasNoCodePackage() throws Exception {
        assertThatThrownBy(() -> ChaincodePackage.parse(gzip(new byte[1024])))
                .hasMessage("did not find a code package inside the package");
    }

    @Test
    void directoryEntryIsNotARegularFile() throws Exception {
        byte[] bytes = tarGz(out -> {
            entry(out, "src/", TarArchiveEntry.LF_DIR, new byte[0]);
        });

        assertThatThrownBy(() -> ChaincodePackage.parse(bytes)).hasMessage("tar entry src/ is not a regular file, type 53");
    }

    @Test
    void legacyRegularFileTypeCountsAsRegular() throws Exception {
        byte[] bytes = tarGz(out -> {
            entry(out, "metadata.json", (byte) 0, metadata("cc_1.0"));
            entry(out, "code.tar.gz", (byte) 0, CODE);
        });

        assertThat(ChaincodePackage.parse(bytes).label()).isEqualTo("cc_1.0");
    }

    @Test
    void laterDuplicatesReplaceEarlierOnes() throws Exception {
        byte[] bytes = tarGz(out -> {
            entry(out, "metadata.json", TarArchiveEntry.LF_NORMAL, metadata("first"));
            entry(out, "code.tar.gz", TarArchiveEntry.LF_NORMAL, "one".getBytes(StandardCharsets.UTF_8));
            entry(out, "metadata.json", TarArchiveEntry.LF_NORMAL,
                    "{\"label\":\"second\"}".getBytes(StandardCharsets.UTF_8));
            entry(out, "code.tar.gz", TarArchiveEntry.LF_NORMAL, "two".getBytes(StandardCharsets.UTF_8));
        });

        ChaincodePackage pkg = ChaincodePackage.parse(bytes);

        assertThat(pkg.label()).isEqualTo("second");
        assertThat(pkg.type()).as("not carried over from the first metadata").isEmpty();
        assertThat(pkg.codePackage()).asString().isEqualTo("two");
    }

    @Test
    void longNamesInPaxHeadersAreRead() throws Exception {
        String longName = "x".repeat(150) + "/ignored.txt";
        byte[] bytes = tarGz(out -> {
            entry(out, longName, TarArchiveEntry.LF_NORMAL, CODE);
            entry(out, "metadata.json", TarArchiveEntry.LF_NORMAL, metadata("cc_1.0"));
            entry(out, "code.tar.gz", TarArchiveEntry.LF_NORMAL, CODE);
        });

        assertThat(ChaincodePackage.parse(bytes).label()).isEqualTo("cc_1.0");
    }

    @Test
    void metadataIsDecodedAsGoDoes() throws Exception {
        String json = "{\"TYPE\":\"java\",\"Path\":null,\"path\":\"p\",\"label\":\"a\",\"label\":\"cc_1.0\","
                + "\"extra\":[1,{\"x\":true}]}";

        ChaincodePackage pkg = ChaincodePackage.parse(pkg(json.getBytes(StandardCharsets.UTF_8), CODE));

        assertThat(pkg.type()).as("keys match case-insensitively").isEqualTo("java");
        assertThat(pkg.path()).isEqualTo("p");
        assertThat(pkg.label()).as("the last duplicate wins").isEqualTo("cc_1.0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"label\":1}          | json: cannot unmarshal number into Go struct field ChaincodePackageMetadata.label of type string",
        "{\"type\":[\"x\"]}     | json: cannot unmarshal array into Go struct field ChaincodePackageMetadata.type of type string",
        "{\"path\":{}}          | json: cannot unmarshal object into Go struct field ChaincodePackageMetadata.path of type string",
        "{\"label\":true}       | json: cannot unmarshal bool into Go struct field ChaincodePackageMetadata.label of type string",
        "[]                     | json: cannot unmarshal array into Go value of type persistence.ChaincodePackageMetadata",
        "\"cc\"                 | json: cannot unmarshal string into Go value of type persistence.ChaincodePackageMetadata",
        "{\"label\":\"cc\"} x   | invalid character 'x' after top-level value",
        "``                     | unexpected end of JSON input"})
    void badMetadataFailsWithGosMessage(String json, String message) throws Exception {
        byte[] bytes = pkg(json.getBytes(StandardCharsets.UTF_8), CODE);

        assertThatThrownBy(() -> ChaincodePackage.parse(bytes))
                .hasMessage("could not unmarshal metadata.json as json: " + message);
    }

    @Test
    void nullMetadataLeavesAnEmptyLabel() throws Exception {
        assertThatThrownBy(() -> ChaincodePackage.parse(pkg("null".getBytes(StandardCharsets.UTF_8), CODE)))
                .hasMessageStartingWith("invalid label ''.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "mycc_1.0", "A+b-c.d_e", "0"})
    void validLabels(String label) {
        assertThat(ChaincodePackage.isValidLabel(label)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_a", ".a", "a b", "a:b", "a/b", "a\n", "é", "a!"})
    void invalidLabels(String label) {
        assertThat(ChaincodePackage.isValidLabel(label)).isFalse();
        assertThatThrownBy(() -> ChaincodePackage.validateLabel(label))
                .hasMessage("invalid label '" + label + "'. Label must be non-empty, can only consist of "
                        + "alphanumerics, symbols from '.+-_', and can only begin with alphanumerics");
    }

    @Test
    void packageIdIsTheLabelAndTheHashOfTheWholeFile() throws Exception {
        byte[] bytes = pkg(metadata("cc_1.0"), CODE);

        assertThat(ChaincodePackage.packageId("cc_1.0", bytes)).isEqualTo("cc_1.0:" + sha256(bytes))
                .isEqualTo(ChaincodePackage.parse(bytes).packageId());
    }

    @Test
    void dbArtifactsAreTheStatedbFilesOfTheCodePackage() throws Exception {
        byte[] code = new GoTarWriter()
                .file("src/main.go", CODE, 0)
                .directory("META-INF/statedb/", 0)
                .file("META-INF/statedb/couchdb/indexes/i.json", "{}".getBytes(StandardCharsets.UTF_8), 0)
                .finish();

        ChaincodePackage pkg = ChaincodePackage.parse(pkg(metadata("cc_1.0"), code));

        assertThat(pkg.dbArtifacts()).containsOnlyKeys("META-INF/statedb/couchdb/indexes/i.json");
        assertThat(pkg.dbArtifacts().get("META-INF/statedb/couchdb/indexes/i.json")).asString().isEqualTo("{}");
    }

    @Test
    void dbArtifactsOfACodePackageThatIsNoArchiveFailAsFabricsInstall() throws Exception {
        ChaincodePackage empty = ChaincodePackage.parse(pkg(metadata("cc_1.0"), new byte[0]));

        assertThatThrownBy(empty::dbArtifacts).hasMessage("error retrieving DB artifacts from code package: EOF");
    }

    // ---- helpers

    static byte[] metadata(String label) {
        return ("{\"path\":\"cc\",\"type\":\"golang\",\"label\":\"" + label + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] pkg(byte[] metadata, byte[] code) throws IOException {
        return tarGz(out -> {
            entry(out, "metadata.json", TarArchiveEntry.LF_NORMAL, metadata);
            entry(out, "code.tar.gz", TarArchiveEntry.LF_NORMAL, code);
        });
    }

    interface Entries {
        void write(TarArchiveOutputStream out) throws IOException;
    }

    static byte[] tarGz(Entries entries) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar, 512)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entries.write(out);
        }
        return gzip(tar.toByteArray());
    }

    static void entry(TarArchiveOutputStream out, String name, byte type, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setSize(content.length);
        out.putArchiveEntry(e);
        out.write(content);
        out.closeArchiveEntry();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    static byte[] ungzip(byte[] gz) throws IOException {
        try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
