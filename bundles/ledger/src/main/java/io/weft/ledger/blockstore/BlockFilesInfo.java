package io.weft.ledger.blockstore;

import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;

/**
 * Fabric's {@code blkMgrInfo} checkpoint: the file being appended, its acknowledged size and the
 * last block persisted. Encoded as four varints: file number, file size, last block, no-files flag.
 */
record BlockFilesInfo(int latestFileNumber, long latestFileSize, long lastPersistedBlock, boolean noBlockFiles) {

    static final BlockFilesInfo EMPTY = new BlockFilesInfo(0, 0, 0, true);

    byte[] encode() {
        return new ByteWriter(24).varint(latestFileNumber).varint(latestFileSize).varint(lastPersistedBlock)
                .varint(noBlockFiles ? 1 : 0).toByteArray();
    }

    static BlockFilesInfo decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        return new BlockFilesInfo(in.length(), in.varint(), in.varint(), in.varint() == 1);
    }

    BlockFilesInfo afterAppend(long blockNumber, long recordLength) {
        return new BlockFilesInfo(latestFileNumber, latestFileSize + recordLength, blockNumber, false);
    }

    BlockFilesInfo nextFile() {
        return new BlockFilesInfo(latestFileNumber + 1, 0, lastPersistedBlock, noBlockFiles);
    }
}
