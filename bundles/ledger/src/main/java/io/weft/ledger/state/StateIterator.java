package io.weft.ledger.state;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

import io.weft.api.storage.RangeIterator;

/**
 * Committed entries of one namespace in key order, optionally limited to a page. {@link #next()} returns null at
 * the end; {@link #bookmarkAndClose()} gives the key a following page starts at.
 */
public final class StateIterator implements AutoCloseable {

    private final String namespace;
    private final RangeIterator it;
    private final int keyOffset;
    private final int pageSize;
    private int returned;

    StateIterator(String namespace, RangeIterator it, int keyOffset, int pageSize) {
        this.namespace = namespace;
        this.it = it;
        this.keyOffset = keyOffset;
        this.pageSize = pageSize;
    }

    /** The next entry, or null when the range (or the page) is done. */
    public VersionedKV next() {
        if (pageSize > 0 && returned >= pageSize) {
            return null;
        }
        if (!it.next()) {
            return null;
        }
        returned++;
        return new VersionedKV(namespace, key(), DbValueCodec.decode(it.value()));
    }

    /** The key after the last one returned (empty if there is none), as Fabric's bookmark; closes the iterator. */
    public String bookmarkAndClose() {
        try {
            return it.next() ? key().toStringUtf8() : "";
        } finally {
            close();
        }
    }

    private ByteString key() {
        byte[] raw = it.key();
        return UnsafeByteOperations.unsafeWrap(raw, keyOffset, raw.length - keyOffset);
    }

    @Override
    public void close() {
        it.close();
    }
}
