package io.weft.ledger.pvtdata;

/**
 * A collection whose private data a committed transaction wrote but this peer did not receive;
 * {@code eligible} when the peer is a member of the collection (so it should fetch the data later).
 */
public record MissingPvtData(String namespace, String collection, boolean eligible) {
}
