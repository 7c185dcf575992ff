package io.weft.ledger.pvtdata;

import java.util.Objects;

/** A collection of a namespace (chaincode). */
public record NsColl(String namespace, String collection) {

    public NsColl {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(collection, "collection");
    }
}
