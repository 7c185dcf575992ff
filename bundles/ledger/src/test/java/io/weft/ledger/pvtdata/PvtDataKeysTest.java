package io.weft.ledger.pvtdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.HexFormat;

import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;

import org.junit.jupiter.api.Test;

/** Byte layouts checked against values worked out by hand from Fabric's kv_encoding.go. */
class PvtDataKeysTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    @Test
    void reverseOrderVarint() {
        assertThat(hex(new ByteWriter(9).reverseOrder(0).toByteArray())).isEqualTo("08");
        assertThat(hex(new ByteWriter(9).reverseOrder(1).toByteArray())).isEqualTo("07fe");
        assertThat(hex(new ByteWriter(9).reverseOrder(256).toByteArray())).isEqualTo("06feff");
        assertThat(hex(new ByteWriter(9).reverseOrder(-1L).toByteArray())).isEqualTo("000000000000000000");
        for (long v : new long[] {0, 1, 255, 256, 65_535, 1L << 40, Long.MAX_VALUE, -1L}) {
            assertThat(new ByteReader(new ByteWriter(9).reverseOrder(v).toByteArray()).reverseOrder()).isEqualTo(v);
        }
        // larger numbers sort first
        assertThat(HEX.formatHex(new ByteWriter(9).reverseOrder(300).toByteArray()))
                .isLessThan(HEX.formatHex(new ByteWriter(9).reverseOrder(299).toByteArray()));
    }

    @Test
    void dataKeyLayoutAndDecode() {
        byte[] key = PvtDataKeys.data("ns", "coll", 1, 2);
        assertThat(hex(key)).isEqualTo("02" + "0101" + "0102" + "6e73" + "00" + "636f6c6c");
        assertThat(PvtDataKeys.decodeData(key, 0)).isEqualTo(new PvtDataKeys.DataKey("ns", "coll", 1, 2));
        byte[][] range = PvtDataKeys.dataRange(1);
        assertThat(hex(range[0])).isEqualTo("02010100");
        assertThat(hex(range[1])).isEqualTo("02010200");
        // block 256 has a zero byte inside its height: decoding must not split there
        byte[] big = PvtDataKeys.data("a", "b", 256, 0);
        assertThat(PvtDataKeys.decodeData(big, 0)).isEqualTo(new PvtDataKeys.DataKey("a", "b", 256, 0));
    }

    @Test
    void otherKeyLayouts() {
        assertThat(hex(PvtDataKeys.expiry(5, 2))).isEqualTo("03" + "0105" + "0102");
        assertThat(PvtDataKeys.decodeExpiry(PvtDataKeys.expiry(5, 2), 0)).containsExactly(5, 2);
        assertThat(hex(PvtDataKeys.eligibleMissing(PvtDataKeys.ELG_PRIORITIZED_MISSING, "n", "c", 1)))
                .isEqualTo("04" + "07fe" + "6e" + "00" + "63");
        assertThat(PvtDataKeys.decodeEligibleMissing(
                PvtDataKeys.eligibleMissing(PvtDataKeys.ELG_DEPRIORITIZED_MISSING, "n", "c", 256), 0))
                .isEqualTo(new PvtDataKeys.MissingKey("n", "c", 256));
        assertThat(hex(PvtDataKeys.ineligibleMissing("n", "c", 1))).isEqualTo("05" + "6e00" + "6300" + "07fe");
        assertThat(hex(PvtDataKeys.bootKvHashes("n", "c", 1, 0))).isEqualTo("09" + "0101" + "00" + "6e00" + "63");
        byte[] hash = new byte[32];
        hash[0] = (byte) 0xAB;
        assertThat(hex(PvtDataKeys.hashedIndex("n", "c", hash, 3, 4)))
                .isEqualTo("62" + "6e00" + "6300" + hex(hash) + "0103" + "0104");
    }

    @Test
    void missingDataBitmapIsGoBitsetBinary() {
        BitSet bits = new BitSet();
        bits.set(0);
        bits.set(2);
        assertThat(hex(MissingDataBitmap.encode(bits))).isEqualTo("0000000000000003" + "0000000000000005");
        BitSet wide = new BitSet();
        wide.set(64);
        assertThat(hex(MissingDataBitmap.encode(wide)))
                .isEqualTo("0000000000000041" + "0000000000000000" + "0000000000000001");
        assertThat(MissingDataBitmap.decode(MissingDataBitmap.encode(wide))).isEqualTo(wide);
        assertThat(MissingDataBitmap.decode(MissingDataBitmap.encode(bits))).isEqualTo(bits);
    }

    @Test
    void collElgInfoWireFormat() {
        // CollElgInfo{nsCollMap{"n": CollNames{entries ["a", "b"]}}}
        byte[] value = CollEligibility.encode(java.util.Map.of("n", java.util.List.of("a", "b")));
        assertThat(hex(value)).isEqualTo("0a0b" + "0a016e" + "1206" + "0a0161" + "0a0162");
        assertThat(CollEligibility.decode(value))
                .containsExactly(java.util.Map.entry("n", java.util.List.of("a", "b")));
        assertThat(hex(PvtDataKeys.collEligibility(1))).isEqualTo("0607fe");
    }

    @Test
    void expiryDataWireFormat() {
        ExpiryData data = new ExpiryData();
        data.addPresentData("n", "c", 1);
        data.addPresentData("n", "c", 300);
        data.addMissingData("n", "m");
        // ExpiryData{map{"n": {presentData{"c": TxNums{[1, 300]}}, missingData{"m": true}}}}
        String txNums = "0a03" + "01ac02";
        String presentEntry = "0a0163" + "1205" + txNums;
        String missingEntry = "0a016d" + "1001";
        String ns = "0a0a" + presentEntry + "1205" + missingEntry;
        String entry = "0a016e" + "1213" + ns;
        assertThat(hex(data.encode())).isEqualTo("0a18" + entry);

        ExpiryData decoded = ExpiryData.decode(data.encode());
        ExpiryData.Namespace n = decoded.namespaces().get("n");
        assertThat(n.presentData).containsEntry("c", java.util.List.of(1L, 300L));
        assertThat(n.missingData).containsExactly("m");
        assertThat(n.bootKvHashes).isEmpty();
        assertThat(decoded.encode()).isEqualTo(data.encode());
    }
}
