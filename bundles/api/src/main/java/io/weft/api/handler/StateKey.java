package io.weft.api.handler;

import java.util.Objects;

import com.google.protobuf.ByteString;

/**
 * A key of the world state: a public key ({@code collection} empty, {@code key} the key's UTF-8 bytes) or a private
 * data key ({@code key} the hash of the key, as the committer sees it).
 */
public record StateKey(String namespace, String collection, ByteString key) {

    public StateKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(key, "key");
    }

    public static StateKey publicKey(String namespace, String key) {
        return new StateKey(namespace, "", ByteString.copyFromUtf8(key));
    }

    public static StateKey privateKeyHash(String namespace, String collection, ByteString keyHash) {
        return new StateKey(namespace, collection, keyHash);
    }
}
