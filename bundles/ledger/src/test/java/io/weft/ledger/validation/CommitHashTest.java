package io.weft.ledger.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;

import com.google.protobuf.ByteString;

import org.junit.jupiter.api.Test;

import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;

class CommitHashTest {

    private static final HexFormat HEX = HexFormat.of();

    private static ByteString b(String s) {
        return ByteString.copyFromUtf8(s);
    }

    /** Public writes and a delete of two namespaces, a collection's hashes, and what is left out. */
    private static UpdateBatch batch() {
        UpdateBatch batch = new UpdateBatch();
        batch.put("cc", "a", b("1"), b("metadata is not hashed"), new Version(1, 0));
        batch.delete("cc", "b", new Version(1, 1));
        batch.putHashed("cc", "c", ByteString.copyFrom(new byte[] {1}), ByteString.copyFrom(new byte[] {2}), null,
                new Version(1, 2));
        batch.putPrivate("cc", "c", "x", b("private values are not hashed"), new Version(1, 2));
        batch.put("", "channel config", b("left out"), null, new Version(1, 4));
        batch.put("ab", "k", b("v"), null, new Version(1, 3));
        return batch;
    }

    // Updates{kvwrites}: KVWrite{namespace 1, collection 2, key 3, isDelete 4, value 5, version_bytes 6}, where
    // version_bytes = ovarint(block) ovarint(tx): (1,3) = 01 01 01 03, (1,0) = 01 01 00
    private static final String UPDATE_BYTES = ""
            + "0a10" + "0a026162" + "1a016b" + "2a0176" + "320401010103" // ab: k=v
            + "0a0f" + "0a026363" + "1a0161" + "2a0131" + "3203010100" // cc: a=1
            + "0a0b" + "1a0162" + "2001" + "320401010101" // b deleted, namespace not repeated
            + "0a0f" + "120163" + "1a0101" + "2a0102" + "320401010102"; // collection c: hash 01 -> 02

    @Test
    void updateBytesAreFabricsDeterministicUpdates() {
        assertThat(HEX.formatHex(CommitHash.updateBytes(batch()))).isEqualTo(UPDATE_BYTES);
    }

    @Test
    void emptyOrConfigOnlyUpdatesHaveNoBytes() {
        UpdateBatch batch = new UpdateBatch();
        assertThat(CommitHash.updateBytes(batch)).isEmpty();
        batch.put("", "resourcesconfigtx.CHANNEL_CONFIG_KEY", b("v"), null, new Version(1, 1));
        assertThat(CommitHash.updateBytes(batch)).isEmpty();
    }

    @Test
    void hashedOnlyNamespaceNamesItsFirstEntry() {
        UpdateBatch batch = new UpdateBatch();
        batch.deleteHashed("ns", "c2", ByteString.copyFrom(new byte[] {9}), new Version(2, 0));
        batch.putHashed("ns", "c1", ByteString.copyFrom(new byte[] {(byte) 0x80}), ByteString.copyFrom(new byte[] {7}),
                null, new Version(2, 1));
        batch.putHashed("ns", "c1", ByteString.copyFrom(new byte[] {0x7f}), ByteString.copyFrom(new byte[] {6}), null,
                new Version(2, 2));
        // c1 before c2; within c1 the key hashes in unsigned byte order (7f before 80)
        assertThat(HEX.formatHex(CommitHash.updateBytes(batch))).isEqualTo(""
                + "0a14" + "0a026e73" + "12026331" + "1a017f" + "2a0106" + "320401020102"
                + "0a0c" + "1a0180" + "2a0107" + "320401020101"
                + "0a0e" + "12026332" + "1a0109" + "2001" + "3203010200");
    }

    @Test
    void commitHashChainsFilterUpdatesAndPreviousHash() {
        ByteString filter = ByteString.copyFrom(new byte[] {0, 11});
        byte[] updates = CommitHash.updateBytes(batch());
        byte[] previous = new byte[32];
        Arrays.fill(previous, (byte) 0xaa);
        // sha256(02 000b ‖ UPDATE_BYTES ‖ aa*32), computed outside
        byte[] hash = CommitHash.compute(filter, updates, previous);
        assertThat(HEX.formatHex(hash)).isEqualTo("c220fcc620eedd1478129ad13c5661eda5923a66c54c1e32cd809811ca066541");
        assertThat(HEX.formatHex(CommitHash.compute(filter, updates, null)))
                .isEqualTo("45932a9ca1110ec63fb856d24f1ead23e7db9f35a21a7bb4e78464281b9f0397");
        assertThat(HEX.formatHex(CommitHash.compute(filter, updates, new byte[0])))
                .isEqualTo("45932a9ca1110ec63fb856d24f1ead23e7db9f35a21a7bb4e78464281b9f0397");
        assertThat(HEX.formatHex(CommitHash.metadata(hash).toByteArray())).isEqualTo("0a20" + HEX.formatHex(hash));
    }

    @Test
    void computedFromBlockOneAndThenOnlyWhileChained() {
        assertThat(CommitHash.isComputed(1, null)).isTrue();
        assertThat(CommitHash.isComputed(2, new byte[32])).isTrue();
        assertThat(CommitHash.isComputed(2, null)).isFalse();
        assertThat(CommitHash.isComputed(5, new byte[0])).isFalse();
    }
}
