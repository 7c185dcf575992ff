package io.weft.ledger.blockstore;

import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;

/**
 * Fabric's {@code fileLocPointer}: a block record or a transaction inside one, as
 * {@code varint(file) ‖ varint(offset) ‖ varint(length)} (length 0 for a block: its record says it).
 */
record FileLocation(int fileNumber, long offset, int length) {

    byte[] encode() {
        return new ByteWriter(16).varint(fileNumber).varint(offset).varint(length).toByteArray();
    }

    static FileLocation decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        return new FileLocation(in.length(), in.varint(), in.length());
    }
}
