package io.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weft.runtime.cli.CliContext;

/** {@code bin/orderer}'s command line, up to the point where it would launch the framework. */
class OrdererMainTest {

    @TempDir
    Path work;

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OrdererMain.run(new CliContext(env, work, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionPrintsFabricsOrdererLinesAndAnEmptyLine() throws Exception {
        Run r = run(Map.of(), "version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("orderer:\n Version: ").contains("\n Commit SHA: ", "\n Go version: ",
                "\n OS/Arch: ").endsWith("\n\n").doesNotContain("Chaincode");
    }

    @Test
    void aCommandLineKingpinCannotParseIsRefusedAsKingpinDoes() throws Exception {
        Run unknown = run(Map.of(), "stop");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("orderer: error: expected command but got \"stop\", try --help\n");
        Run trailing = run(Map.of(), "version", "now");
        assertThat(trailing.exitCode()).isEqualTo(1);
        assertThat(trailing.err()).isEqualTo("orderer: error: unexpected now, try --help\n");
        assertThat(run(Map.of(), "--help").out()).contains("start*", "version");
    }

    @Test
    void aBadOrdererYamlStopsTheStartBeforeAnythingRuns() throws Exception {
        Path config = Files.createDirectories(work.resolve("config"));
        Files.writeString(config.resolve("orderer.yaml"), """
                General:
                    BootstrapMethod: kafka
                FileLedger:
                    Location: %s
                """.formatted(work.resolve("ledger")));
        Run r = run(Map.of("FABRIC_CFG_PATH", config.toString()));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: failed to parse config: ").contains("General.BootstrapMethod",
                "Unknown bootstrap method: kafka");
        assertThat(work.resolve("ledger")).doesNotExist();
    }

    @Test
    void anEnvironmentOverrideIsValidatedToo() throws Exception {
        Path config = Files.createDirectories(work.resolve("config"));
        Files.writeString(config.resolve("orderer.yaml"), "General:\n    ListenPort: 7050\n");
        Run r = run(Map.of("FABRIC_CFG_PATH", config.toString(), "ORDERER_GENERAL_LISTENPORT", "70500"), "start");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: failed to parse config: ").contains("General.ListenPort",
                "port out of range: 70500");
    }
}
