package io.weft.ledger.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

import org.junit.jupiter.api.Test;

class GoStringOrderTest {

    @Test
    void ordersAsUtf8Bytes() {
        List<String> keys = new ArrayList<>(List.of("\ud83d\ude00", "\ufffd", "b", "", "a\u0000", "a", "\u00e9",
                "\u0000", "\udbff\udfff"));
        List<String> byBytes = new ArrayList<>(keys);
        byBytes.sort((x, y) -> ByteString.unsignedLexicographicalComparator().compare(
                ByteString.copyFrom(x, StandardCharsets.UTF_8), ByteString.copyFrom(y, StandardCharsets.UTF_8)));
        keys.sort(GoStringOrder.INSTANCE);
        assertThat(keys).isEqualTo(byBytes);
        assertThat(keys).containsSubsequence("\ufffd", "\ud83d\ude00");
    }
}
