package io.weft.lifecycle.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON syntax errors worded as Go's {@code encoding/json} words them, and Go's string encoding. */
class GoJsonTest {

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "x                 | invalid character 'x' looking for beginning of value",
        "{\"a\":1,}        | invalid character '}' looking for beginning of object key string",
        "{1:2}             | invalid character '1' looking for beginning of object key string",
        "{\"a\" 1}         | invalid character '1' after object key",
        "{\"a\":1 \"b\":2} | invalid character '\"' after object key:value pair",
        "[1 2]             | invalid character '2' after array element",
        "{\"a\":1}x        | invalid character 'x' after top-level value",
        "01                | invalid character '1' after top-level value",
        "\"\\x\"           | invalid character 'x' in string escape code",
        "\"\\u12g4\"       | invalid character 'g' in \\u hexadecimal character escape",
        "-                 | invalid character ' ' in numeric literal",
        "-a                | invalid character 'a' in numeric literal",
        "1.                | invalid character ' ' after decimal point in numeric literal",
        "1e+               | invalid character ' ' in exponent of numeric literal",
        "tru               | invalid character ' ' in literal true (expecting 'e')",
        "fals!             | invalid character '!' in literal false (expecting 'e')",
        "nUll              | invalid character 'U' in literal null (expecting 'u')",
        "'                 | invalid character '\\'' looking for beginning of value",
        "``                | unexpected end of JSON input",
        "{                 | unexpected end of JSON input",
        "{\"a\":\"b        | unexpected end of JSON input",
        "[1,               | unexpected end of JSON input"})
    void syntaxErrorsAreWordedAsGo(String json, String message) {
        assertThatThrownBy(() -> GoJson.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GoJson.SyntaxException.class).hasMessage(message);
    }

    @Test
    void controlCharactersAndHighBytesAreQuotedAsGo() {
        assertThatThrownBy(() -> GoJson.parse("\"a\nb\"".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("invalid character '\\n' in string literal");
        assertThatThrownBy(() -> GoJson.parse(new byte[] {'"', 1, '"'}))
                .hasMessage("invalid character '\\x01' in string literal");
        assertThatThrownBy(() -> GoJson.parse(new byte[] {(byte) 0xff}))
                .hasMessage("invalid character 'ÿ' looking for beginning of value");
        assertThatThrownBy(() -> GoJson.parse(new byte[] {(byte) 0x85}))
                .hasMessage("invalid character '\\u0085' looking for beginning of value");
    }

    @Test
    void valuesAreParsed() throws Exception {
        Object doc = GoJson.parse(("{\"s\":\"a\\u00e9\\ud83d\\ude00\\n\", \"n\":-1.5e3, \"b\":false, \"z\":null,"
                + " \"l\":[1,[],{}]}").getBytes(StandardCharsets.UTF_8));

        assertThat(doc).isInstanceOf(GoJson.JsonObject.class);
        var map = ((GoJson.JsonObject) doc).asMap();
        assertThat(map.get("s")).isEqualTo("aé\uD83D\uDE00\n");
        assertThat(map.get("n")).isEqualTo(new GoJson.JsonNumber("-1.5e3"));
        assertThat(map.get("b")).isEqualTo(Boolean.FALSE);
        assertThat(map).containsEntry("z", null);
        assertThat((List<?>) map.get("l")).hasSize(3);
        assertThat(GoJson.kind(map.get("l"))).isEqualTo("array");
    }

    @Test
    void badUtf8AndLoneSurrogatesBecomeTheReplacementCharacter() throws Exception {
        assertThat(GoJson.parse(new byte[] {'"', 'a', (byte) 0xff, '"'})).isEqualTo("a\uFFFD");
        assertThat(GoJson.parse("\"\\ud800x\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("\uFFFDx");
    }

    @Test
    void stringsAreQuotedAsGosMarshal() {
        assertThat(GoJson.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(GoJson.quote("<a&b>")).isEqualTo("\"\\u003ca\\u0026b\\u003e\"");
        assertThat(GoJson.quote("\n\t\u0001\u2028")).isEqualTo("\"\\n\\t\\u0001\\u2028\"");
        assertThat(GoJson.quote("é\uD83D\uDE00")).isEqualTo("\"é\uD83D\uDE00\"");
        assertThat(GoJson.quote("\uD800")).isEqualTo("\"\\ufffd\"");
    }
}
