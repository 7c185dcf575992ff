package io.weft.runtime.cli;

import static io.weft.runtime.cli.CliRun.words;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.weft.lifecycle.packages.ChaincodePackage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code peer lifecycle chaincode package} and {@code calculatepackageid}: offline, with Fabric's messages. */
class LifecyclePackageCommandsTest {

    private static final String LABEL_RULE = ". Label must be non-empty, can only consist of alphanumerics, "
            + "symbols from '.+-_', and can only begin with alphanumerics";

    @TempDir
    Path work;

    @BeforeEach
    void javaChaincode() throws Exception {
        Files.createDirectories(work.resolve("cc/src/main/java"));
        Files.writeString(work.resolve("cc/build.gradle"), "plugins { id 'java' }");
        Files.writeString(work.resolve("cc/src/main/java/Cc.java"), "class Cc {}");
    }

    private CliRun peer(String commandLine) {
        return CliRun.runIn(work, Map.of(), words(commandLine));
    }

    @Test
    void packageThenCalculateTheId() throws Exception {
        CliRun pack = peer("lifecycle chaincode package cc.tar.gz -p ./cc -l java --label cc_1.0");

        assertThat(pack.exitCode()).as("%s", pack).isZero();
        assertThat(pack.out()).isEmpty();
        byte[] bytes = Files.readAllBytes(work.resolve("cc.tar.gz"));
        ChaincodePackage pkg = ChaincodePackage.parse(bytes);
        assertThat(pkg.label()).isEqualTo("cc_1.0");
        assertThat(pkg.type()).isEqualTo("java");
        assertThat(pkg.path()).isEqualTo("./cc");
        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("cc", "cc.tar.gz");
        }

        CliRun id = peer("lifecycle chaincode calculatepackageid cc.tar.gz");

        assertThat(id.exitCode()).as("%s", id).isZero();
        assertThat(id.out()).isEqualTo(pkg.packageId() + "\n");
        assertThat(pkg.packageId()).isEqualTo(ChaincodePackage.packageId("cc_1.0", bytes));

        CliRun json = peer("lifecycle chaincode calculatepackageid cc.tar.gz --output JSON");

        assertThat(json.out()).isEqualTo("{\n\t\"package_id\": \"" + pkg.packageId() + "\"\n}\n");
    }

    @Test
    void packagingTwiceGivesTheSameFile() throws Exception {
        peer("lifecycle chaincode package one.tar.gz --path cc --lang java --label cc");
        peer("lifecycle chaincode package two.tar.gz --path cc --lang java --label cc");

        assertThat(work.resolve("one.tar.gz")).hasSameBinaryContentAs(work.resolve("two.tar.gz"));
    }

    @Test
    void packageOverwritesAnExistingFile() throws Exception {
        Files.writeString(work.resolve("cc.tar.gz"), "old");

        assertThat(peer("lifecycle chaincode package cc.tar.gz -p cc -l java --label cc").exitCode()).isZero();
        assertThat(ChaincodePackage.parse(Files.readAllBytes(work.resolve("cc.tar.gz"))).label()).isEqualTo("cc");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "lifecycle chaincode package -p cc -l java --label cc                | invalid number of args. expected only the output file",
        "lifecycle chaincode package a b -p cc -l java --label cc            | invalid number of args. expected only the output file",
        "lifecycle chaincode package cc.tar.gz -l java --label cc            | chaincode path must be specified",
        "lifecycle chaincode package cc.tar.gz -p cc --lang= --label cc      | chaincode language must be specified",
        "lifecycle chaincode package cc.tar.gz -p cc -l java                 | package label must be specified",
        "lifecycle chaincode package cc.tar.gz -p cc -l java --label _cc     | invalid label '_cc'" + LABEL_RULE,
        "lifecycle chaincode package cc.tar.gz -p cc -l rust --label cc      | failed to normalize chaincode path: unknown chaincodeType: RUST",
        "lifecycle chaincode package cc.tar.gz -p nope -l java --label cc    | error getting chaincode bytes: failed to create chaincode package: lstat nope: no such file or directory",
        "lifecycle chaincode package cc.tar.gz -p cc --label cc              | error getting chaincode bytes: 'go list' failed with: go: go.mod file not found in current directory or any parent directory; see 'go help modules': exit status 1",
        "lifecycle chaincode package no/such/dir/cc.tar.gz -p cc -l java --label cc | error writing chaincode package to no/such/dir/cc.tar.gz: error creating temp file in directory '",
        "lifecycle chaincode calculatepackageid                              | invalid number of args. expected only the packaged chaincode file",
        "lifecycle chaincode calculatepackageid a.tar.gz b.tar.gz            | invalid number of args. expected only the packaged chaincode file",
        "lifecycle chaincode calculatepackageid missing.tar.gz               | failed to read chaincode package at 'missing.tar.gz': open missing.tar.gz: no such file or directory",
        "lifecycle chaincode calculatepackageid cc/build.gradle              | could not parse as a chaincode install package: error reading as gzip stream: gzip: invalid header"})
    void errorsAreFabrics(String commandLine, String message) {
        CliRun run = peer(commandLine);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("Error: " + message);
        assertThat(run.err().lines()).as("no usage after a command's own error").hasSize(1);
        assertThat(run.out()).isEmpty();
    }
}
