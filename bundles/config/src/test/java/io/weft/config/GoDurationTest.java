package io.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void parsesGoSyntax() {
        assertThat(GoDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.parse("-2m")).isEqualTo(Duration.ofMinutes(-2));
        assertThat(GoDuration.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
    }

    @Test
    void rejectsWhatGoRejects() {
        for (String bad : new String[] {"", "30", "s", "1x", "1s2", "abc"}) {
            assertThatThrownBy(() -> GoDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void formats() {
        assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDuration.format(Duration.ofMillis(200))).isEqualTo("200ms");
        assertThat(GoDuration.format(Duration.ofHours(2))).isEqualTo("2h0m0s");
    }
}
