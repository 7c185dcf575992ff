package io.weft.storage.memory;

/**
 * One value of a key (the newest) and the older values still needed by some snapshot, newest first. Immutable, so
 * a reader that fetched a chain keeps reading it safely while writers install pruned copies.
 */
final class Version {

    final long seq;
    /** {@code null} marks a delete. */
    final byte[] value;
    final Version older;

    Version(long seq, byte[] value, Version older) {
        this.seq = seq;
        this.value = value;
        this.older = older;
    }

    /** The value as of {@code readSeq}, or {@code null} when the key was absent then. */
    byte[] valueAt(long readSeq) {
        for (Version v = this; v != null; v = v.older) {
            if (v.seq <= readSeq) {
                return v.value;
            }
        }
        return null;
    }
}
