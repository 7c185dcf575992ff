package io.weft.config.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void translatesFabricsDefaultFormat() {
        assertThat(LogFormat.toLog4jPattern(null)).isEqualTo(
                "%highlight{%d{yyyy-MM-dd HH:mm:ss.SSS z} %sn %level{TRACE=PAYL, DEBUG=DEBU, INFO=INFO, WARN=WARN, ERROR=ERRO, FATAL=FATA}}"
                        + "{FATAL=magenta, ERROR=red, WARN=yellow, INFO=blue, DEBUG=cyan, TRACE=default}"
                        + " [%c] %highlight{%M}{FATAL=bold magenta, ERROR=bold red, WARN=bold yellow, INFO=bold blue, DEBUG=bold cyan, TRACE=bold}"
                        + " -> %m%n");
    }

    @Test
    void escapesLiteralsAndTranslatesTime() {
        assertThat(LogFormat.toLog4jPattern("100% %{message}")).isEqualTo("100%% %m%n");
        assertThat(LogFormat.javaTimePattern("2006-01-02T15:04:05.999Z07:00")).isEqualTo("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        assertThat(LogFormat.javaTimePattern("Jan _2 15:04:05")).isEqualTo("MMM d HH:mm:ss");
    }

    @Test
    void structuredFormats() {
        assertThat(LogFormat.toLog4jPattern("json")).startsWith("{\"level\":");
        assertThat(LogFormat.toLog4jPattern("logfmt")).startsWith("ts=");
    }

    @Test
    void badColorOption() {
        assertThatThrownBy(() -> LogFormat.toLog4jPattern("%{color:green}")).hasMessage("invalid color option: green");
    }

    @Test
    void settingsCoverWeftPackagesForFabricModuleNames() {
        Map<String, String> p = Log4j2Settings.properties(LogSpec.parse("warn:gossip=debug:io.grpc=error"), "", "log4j2.");
        // quiet libraries first (io.grpc is named by the spec, so only the other three), then the spec's names
        assertThat(p).containsEntry("log4j2.rootLogger.level", "WARN")
                .containsEntry("log4j2.logger.l0.name", "io.netty").containsEntry("log4j2.logger.l0.level", "WARN")
                .containsEntry("log4j2.logger.l3.name", "gossip").containsEntry("log4j2.logger.l3.level", "DEBUG")
                .containsEntry("log4j2.logger.l5.name", "io.weft.core.gossip")
                .containsEntry("log4j2.logger.l6.name", "io.grpc").containsEntry("log4j2.logger.l6.level", "ERROR")
                .doesNotContainKey("log4j2.logger.l7.name");
    }
}
