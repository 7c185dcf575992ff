package io.weft.bccsp.internal;

import java.util.Arrays;
import java.util.Objects;

/** A byte array as a map key: compared by content, hash computed once. The array is not copied. */
public final class ByteKey {

    private final byte[] bytes;
    private final int hash;

    private ByteKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Wraps {@code bytes}; the caller must not modify them afterwards. */
    public static ByteKey of(byte[] bytes) {
        return new ByteKey(Objects.requireNonNull(bytes, "bytes"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
