package io.weft.runtime.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine.TypeConversionException;

/** Go's base-0 integer syntax, as {@code strconv.ParseInt(s, 0, 64)} / {@code ParseUint(s, 0, 64)} accept it. */
class GoIntConvertersTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"0, 0", "42, 42", "+42, 42", "-42, -42", "0x1F, 31", "0X1f, 31", "0o17, 15", "017, 15", "0b101, 5",
        "1_000, 1000", "0x_1f, 31", "-0x10, -16", "9223372036854775807, 9223372036854775807",
        "-9223372036854775808, -9223372036854775808"})
    void int64Accepts(String text, long expected) {
        assertThat(new GoIntConverters.Int64().convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "abc", "1__0", "_1", "1_", "0x", "08", "1.5", " 1", "--1", "+-1", "9223372036854775808"})
    void int64Rejects(String text) {
        assertThatThrownBy(() -> new GoIntConverters.Int64().convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("strconv.ParseInt: parsing \"" + text + "\": ");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"0, 0", "1000, 1000", "0x10, 16", "18446744073709551615, -1"})
    void uint64Accepts(String text, long expected) {
        assertThat(new GoIntConverters.Uint64().convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-1", "+1", "18446744073709551616", "x"})
    void uint64Rejects(String text) {
        assertThatThrownBy(() -> new GoIntConverters.Uint64().convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("strconv.ParseUint: parsing \"" + text + "\": ");
    }
}
