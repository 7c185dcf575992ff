package io.weft.config.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogSpecTest {

    @Test
    void parsesAndRendersAsFabric() {
        LogSpec spec = LogSpec.parse("info:gossip=warn:msp,ledger=debug");
        assertThat(spec.defaultLevel()).isEqualTo(LogLevel.INFO);
        assertThat(spec.toString()).isEqualTo("gossip=warn:ledger=debug:msp=debug:info");
        assertThat(LogSpec.parse("").toString()).isEqualTo("info");
        assertThat(LogSpec.parse("WARNING").toString()).isEqualTo("warn");
    }

    @Test
    void levelsApplyToLoggersBelowAName() {
        LogSpec spec = LogSpec.parse("error:gossip=debug:gossip.election=warn:core.=info");
        assertThat(spec.levelOf("gossip")).isEqualTo(LogLevel.DEBUG);
        assertThat(spec.levelOf("gossip.comm")).isEqualTo(LogLevel.DEBUG);
        assertThat(spec.levelOf("gossip.election.x")).isEqualTo(LogLevel.WARN);
        assertThat(spec.levelOf("core")).isEqualTo(LogLevel.INFO);
        assertThat(spec.levelOf("core.comm")).isEqualTo(LogLevel.ERROR);
        assertThat(spec.levelOf("other")).isEqualTo(LogLevel.ERROR);
    }

    @Test
    void rejectsBadSpecsWithFabricMessages() {
        assertThatThrownBy(() -> LogSpec.parse("verbose")).hasMessage("invalid logging specification 'verbose': bad segment 'verbose'");
        assertThatThrownBy(() -> LogSpec.parse("=debug")).hasMessage("invalid logging specification '=debug': no logger specified in segment '=debug'");
        assertThatThrownBy(() -> LogSpec.parse("a=b=c")).hasMessage("invalid logging specification 'a=b=c': bad segment 'a=b=c'");
        assertThatThrownBy(() -> LogSpec.parse("a b=debug")).hasMessage("invalid logging specification 'a b=debug': bad logger name 'a b'");
        assertThatThrownBy(() -> LogSpec.parse("Debug")).hasMessageContaining("bad segment 'Debug'");
    }

    @Test
    void withSetsOneLogger() {
        assertThat(LogSpec.parse("info").with("peer", LogLevel.DEBUG).toString()).isEqualTo("peer=debug:info");
    }
}
