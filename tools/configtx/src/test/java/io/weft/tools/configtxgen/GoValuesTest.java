package io.weft.tools.configtxgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoValuesTest {

    @ParameterizedTest
    @CsvSource({"2s,2000000000,2s", "500ms,500000000,500ms", "1m30s,90000000000,1m30s", "1h,3600000000000,1h0m0s",
        "1.5s,1500000000,1.5s", "250us,250000,250µs", "42ns,42,42ns", "0,0,0s", "2h45m,9900000000000,2h45m0s"})
    void durationsParseAndPrintAsGo(String text, long nanos, String printed) throws Exception {
        assertThat(GoValues.parseDuration(text)).isEqualTo(nanos);
        assertThat(GoValues.formatDuration(nanos)).isEqualTo(printed);
    }

    @Test
    void badDurationsAreRefused() {
        assertThatThrownBy(() -> GoValues.parseDuration("2")).hasMessage("time: invalid duration \"2\"");
        assertThatThrownBy(() -> GoValues.parseDuration("2 s")).hasMessageContaining("invalid duration");
        assertThatThrownBy(() -> GoValues.parseDuration("")).hasMessageContaining("invalid duration");
    }

    @ParameterizedTest
    @CsvSource({"99 MB,103809024", "512 KB,524288", "10m,10485760", "1g,1073741824", "4096,4096"})
    void byteSizesUsePowersOf1024(String text, long bytes) throws Exception {
        assertThat(GoValues.byteSize(text)).isEqualTo(bytes);
    }

    @Test
    void byteSizesMustFitUint32() {
        assertThatThrownBy(() -> GoValues.byteSize("4 GB")).hasMessage("value '4 GB' overflows uint32");
        assertThatThrownBy(() -> GoValues.byteSize("lots")).hasMessageContaining("byte size");
    }
}
