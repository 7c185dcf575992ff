package io.weft.lifecycle;

import com.google.protobuf.ByteString;

/** Committed public state, one key at a time. */
@FunctionalInterface
public interface StateReader {

    /** The value of {@code key} in {@code namespace}, or {@code null} when the key does not exist. */
    ByteString get(String namespace, String key);
}
