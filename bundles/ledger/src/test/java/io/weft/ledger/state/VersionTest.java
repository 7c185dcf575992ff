package io.weft.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.weft.ledger.LedgerException;

class VersionTest {

    @Test
    void encodesAsTwoOrderPreservingVarints() {
        assertThat(HexFormat.of().formatHex(new Version(0, 0).toBytes())).isEqualTo("0000");
        assertThat(HexFormat.of().formatHex(new Version(256, 1).toBytes())).isEqualTo("0201000101");
        assertThat(HexFormat.of().formatHex(new Version(-1L, 0).toBytes())).isEqualTo("08ffffffffffffffff00");
        assertThat(Version.fromBytes(new Version(70000, 12).toBytes())).isEqualTo(new Version(70000, 12));
        assertThatThrownBy(() -> Version.fromBytes(new byte[] {2, 1})).isInstanceOf(LedgerException.class);
    }

    @Test
    void comparesUnsigned() {
        assertThat(new Version(-1L, 0)).isGreaterThan(new Version(1, 0));
        assertThat(new Version(1, 2)).isGreaterThan(new Version(1, 1)).isLessThan(new Version(2, 0));
        assertThat(new Version(3, 4)).hasToString("{BlockNum: 3, TxNum: 4}");
        assertThat(Version.toString(null)).isEqualTo("<nil>");
    }
}
